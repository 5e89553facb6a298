package jp.consentledger.web.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import jp.consentledger.web.outage.StoreOutage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Replaces Spring Boot's error page, which answers in its own JSON: errors raised before Spring
 * MVC (the firewall's rejected URLs, a filter's sendError) are problem details too.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping(value = "${server.error.path:/error}", produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.NOT_FOUND;
        if (status.is5xxServerError()) {
            // A filter (authentication reads provider credentials) that failed for want of the database.
            if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure && StoreOutage.isCause(failure)) {
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .header(HttpHeaders.RETRY_AFTER, StoreOutage.RETRY_AFTER_SECONDS)
                        .body(ProblemResponses.body(StoreOutage.problem(), request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String s ? s : null));
            }
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure && StoreOutage.isCause(failure)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(ProblemResponses.body(ProblemResponses.problem(
                            HttpStatus.SERVICE_UNAVAILABLE, "STORE_UNAVAILABLE", "Store unavailable",
                            "The ledger's database cannot be reached just now; retry after a few seconds."), uri instanceof String s ? s : null));
        }
        String detail = status == HttpStatus.NOT_FOUND ? "Nothing is here; the API is described at /v3/api-docs."
                : status.is4xxClientError() ? "The request was rejected: " + status.getReasonPhrase() + "."
                : "The ledger could not complete the request; retry, or report it with the time and correlation id.";
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.body(ProblemResponses.problem(status, status.name(), status.getReasonPhrase(),
                        detail), uri instanceof String s ? s : null));
    }
}
