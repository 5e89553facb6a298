package jp.consentledger.web.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Problem details written by filters and handlers that run outside Spring MVC (authentication,
 * access denial, body limits, idempotency, the error page), in the same shape as
 * {@link LedgerProblemAdvice}'s.
 */
public final class ProblemResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemResponses() {
    }

    /** A problem with the ledger's stable {@code code} and a type URN derived from it. */
    public static ProblemDetail problem(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:consent-ledger:problem:" + code.toLowerCase().replace('_', '-')));
        problem.setTitle(title);
        problem.setProperty("code", code);
        return problem;
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                             String title, String detail) throws IOException {
        write(request, response, problem(status, code, title, detail));
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(body(problem, request.getRequestURI())));
        response.flushBuffer();
    }

    static Map<String, Object> body(ProblemDetail problem, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (instance != null) {
            body.put("instance", instance);
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
