package jp.consentledger.kernel.validity;

import jp.consentledger.kernel.common.Scope;
import jp.consentledger.kernel.provider.ProviderStatus;

import java.time.Instant;
import java.util.List;

/**
 * DOMAIN.md's invariant, written once: a token is valid at instant t for scope s exactly when, at t,
 * its linkage is granted and not revoked-and-confirmed, not suspended, not expired; the registration
 * has not lapsed; the account is open and not suspended; the provider is active; no service
 * suspension covers it; s is in its scopes.
 *
 * <p>Ends of periods are exclusive: a token expiring at E is valid at E minus 1 ms and EXPIRED at E.
 * When several reasons hold, the most lasting one is named (revocation and closure cannot be undone,
 * expiry needs a new grant, suspensions can be lifted), and SERVICE_SUSPENDED ("unavailable", not
 * "invalid") only when nothing else is wrong.
 */
public final class TokenValidityRule {
    private TokenValidityRule() {
    }

    public static ValidityReason evaluate(ConsentFacts.LinkageFacts linkage, ConsentFacts.AccountFacts account,
                                          ProviderStatus provider,
                                          List<ConsentFacts.SuspensionWindow> windows, Scope scope,
                                          Instant at) {
        if (linkage == null || at.isBefore(linkage.grantedAt())) {
            return ValidityReason.UNKNOWN_TOKEN;
        }
        if (linkage.revokedAt() != null && !at.isBefore(linkage.revokedAt())) {
            return ValidityReason.REVOKED;
        }
        if (account == null || account.closed()) {
            return ValidityReason.ACCOUNT_CLOSED;
        }
        if (!at.isBefore(linkage.expiresAt())) {
            return ValidityReason.EXPIRED;
        }
        if (!at.isBefore(account.registrationExpiresAt())) {
            return ValidityReason.REGISTRATION_LAPSED;
        }
        if (provider != ProviderStatus.ACTIVE) {
            return ValidityReason.PROVIDER_SUSPENDED;
        }
        if (account.suspended()) {
            return ValidityReason.ACCOUNT_SUSPENDED;
        }
        if (linkage.suspended()) {
            return ValidityReason.SUSPENDED;
        }
        for (int i = 0; i < windows.size(); i++) { // indexed: no iterator on the hot path
            if (windows.get(i).covers(linkage.providerId(), at)) {
                return ValidityReason.SERVICE_SUSPENDED;
            }
        }
        if (scope == null || !linkage.scopes().contains(scope)) {
            return ValidityReason.SCOPE_NOT_GRANTED;
        }
        return ValidityReason.VALID;
    }
}
