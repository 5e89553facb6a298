package jp.consentledger.web.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Set;

/**
 * Requests Spring Security's firewall refuses (TRACE and other methods outside the API, encoded slashes,
 * NULs...) answered as problem details at once. The default handler sent an error that the error page
 * could not render: its dispatch met the same firewall again, so the caller got a 400 with no body.
 */
@Component
public class RejectedRequests implements RequestRejectedHandler {
    private static final Set<String> SERVED = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        if (!SERVED.contains(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
            ProblemResponses.write(request, response, HttpStatus.METHOD_NOT_ALLOWED, HttpStatus.METHOD_NOT_ALLOWED.name(),
                    "Method not allowed", "The ledger's API uses GET, POST, PATCH and DELETE as /v3/api-docs describes;"
                            + " this method is not served.");
            return;
        }
        ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, "REQUEST_REJECTED", "Request rejected",
                "The request's URL or headers are not acceptable (an encoded slash, a NUL, a malformed header...).");
    }
}
