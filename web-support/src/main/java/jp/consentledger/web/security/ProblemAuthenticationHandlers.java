package jp.consentledger.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.consentledger.web.outage.StoreOutage;
import jp.consentledger.web.problem.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/**
 * 401 and 403 as problem details. The 401 is the same whatever went wrong (unknown user, wrong
 * secret, terminated provider, bad token), so it tells a guesser nothing. A credential that could not
 * be checked at all is a 503, so a client retries instead of thinking its secret wrong.
 */
public final class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {
    private final boolean bearer;

    public ProblemAuthenticationHandlers(boolean bearer) {
        this.bearer = bearer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (!(e instanceof CredentialCheckUnavailable) && StoreOutage.isCause(e)) { // the provider's credential could not be read: not a wrong one
            response.setHeader(HttpHeaders.RETRY_AFTER, StoreOutage.RETRY_AFTER_SECONDS);
            ProblemResponses.write(request, response, StoreOutage.problem());
            return;
        }
        if (e instanceof AuthenticationServiceException) {
            // the credential could not be checked (its verifier out of reach, see CredentialCheckUnavailable): not a wrong secret
            response.addHeader(HttpHeaders.RETRY_AFTER, "1");
            ProblemResponses.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "CREDENTIAL_CHECK_UNAVAILABLE",
                    "Credential check unavailable", "Your credentials could not be checked just now; retry in a moment.");
            return;
        }
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"consent-ledger\"");
        if (bearer) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Authentication required",
                "Authenticate with the credentials the bank issued to you.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "FORBIDDEN", "Forbidden",
                "Your role does not allow this request.");
    }
}
