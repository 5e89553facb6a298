package jp.consentledger.web.security;

import org.springframework.security.authentication.InternalAuthenticationServiceException;

/**
 * The verifier of a credential (for a query node, the command side) could not be asked: 503
 * CREDENTIAL_CHECK_UNAVAILABLE, told apart from the node's own store being away (STORE_UNAVAILABLE) even
 * when its cause is a refused connection.
 */
public class CredentialCheckUnavailable extends InternalAuthenticationServiceException {
    public CredentialCheckUnavailable(String message) {
        super(message);
    }

    public CredentialCheckUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
