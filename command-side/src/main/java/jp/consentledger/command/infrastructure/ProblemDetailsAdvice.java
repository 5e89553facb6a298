package jp.consentledger.command.infrastructure;

import jp.consentledger.kernel.common.JsonInputErrors;
import jp.consentledger.kernel.common.Refusal;
import jp.consentledger.kernel.common.RefusalCode;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;

/**
 * Every error as RFC 9457 problem details with a stable {@code code}. Malformed input is 400 with the
 * field at fault; refused business rules are 404/409/422 per {@link RefusalCode}; nothing a caller
 * sends becomes a 500.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    public static ProblemDetail problem(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:consent-ledger:problem:" + code.toLowerCase().replace('_', '-')));
        problem.setTitle(title);
        problem.setProperty("code", code);
        return problem;
    }

    @ExceptionHandler(Refusal.class)
    ProblemDetail refused(Refusal refusal) {
        RefusalCode code = refusal.code();
        return problem(HttpStatus.valueOf(code.httpStatus()), code.name(), code.title(), refusal.getMessage());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandFailed(CommandExecutionException e) {
        // Across a distributed command bus the refusal arrives wrapped, its code in the details.
        if (e.getCause() instanceof Refusal refusal) {
            return refused(refusal);
        }
        return e.getDetails().filter(RefusalCode.class::isInstance).map(RefusalCode.class::cast)
                .map(code -> problem(HttpStatus.valueOf(code.httpStatus()), code.name(), code.title(), e.getMessage()))
                .orElseGet(() -> unexpected(e));
    }

    /** Aggregate identifiers are "kind:id" (see AccountId#toString), so the answer can name what is missing. */
    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e) {
        String identifier = String.valueOf(e.getAggregateIdentifier());
        int colon = identifier.indexOf(':');
        String kind = colon > 0 ? identifier.substring(0, colon) : "";
        String id = identifier.substring(colon + 1);
        RefusalCode code = switch (kind) {
            case "account" -> RefusalCode.ACCOUNT_NOT_FOUND;
            case "provider" -> RefusalCode.PROVIDER_NOT_FOUND;
            case "terms" -> RefusalCode.TERMS_VERSION_UNKNOWN;
            default -> null;
        };
        if (code == null) {
            return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found", "Nothing is recorded under '" + id + "'.");
        }
        return problem(HttpStatus.NOT_FOUND, code.name(), code.title(), "No " + (kind.equals("terms") ? "terms version" : kind)
                + " '" + id + "' is registered.");
    }

    /** A race with another node that was still lost after the gateway's retries (see LostRaceRetry). */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ProblemDetail concurrent(Exception e) {
        return problem(HttpStatus.CONFLICT, RefusalCode.CONCURRENT_MODIFICATION.name(), RefusalCode.CONCURRENT_MODIFICATION.title(),
                "Another command changed the same record at the same moment; nothing was recorded for this one. Retry it.");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "Invalid request", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badPathOrParameter(MethodArgumentTypeMismatchException e) {
        Throwable root = e.getMostSpecificCause();
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "Invalid request",
                "'" + e.getName() + "' is invalid: " + root.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected failure while handling a request", RedactedFailure.of(e));
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal error",
                "The ledger could not complete the request; nothing is known to have been recorded. Retry, or report it with the time.");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                "Malformed request body", JsonInputErrors.describe(ex.getCause())));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        // Spring's own errors (405, 415, 406, missing parameters...) get a code too; most arrive
        // without a body, which Spring would take from the exception only after this point.
        if (body == null && ex instanceof ErrorResponse error) {
            body = error.getBody();
        }
        if (body instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            String code = HttpStatus.resolve(statusCode.value()) != null
                    ? HttpStatus.valueOf(statusCode.value()).name() : "HTTP_" + statusCode.value();
            problem.setProperty("code", code);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }
}
