package jp.consentledger.validity;

import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.provider.ProviderStatus;

import java.time.Instant;
import java.util.Comparator;
import java.util.Set;

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
 *
 * <p>The rule reads the compact form {@link ConsentFacts} keeps for it (below), because it runs on every
 * API call: instants as Instant's own two fields (second, nano), so comparing them is exact to the
 * nanosecond over Instant's whole range and dereferences nothing; scopes as one bit per {@link Scope};
 * the account's facts copied into each of its linkages (an account has a handful, which an account event
 * rewrites), so that a check reads one object from memory; the provider as a holder shared by its
 * linkages (a provider may have hundreds of thousands; the holders are few and stay in cache).
 */
public final class TokenValidityRule {
    private TokenValidityRule() {
    }

    /** {@code windows} ordered {@link Window#LATEST_END_FIRST}. */
    static ValidityReason evaluate(Linkage linkage, Scope scope, Window[] windows, Instant at) {
        long second = at.getEpochSecond();
        int nano = at.getNano();
        if (linkage == null || isBefore(second, nano, linkage.grantedSecond, linkage.grantedNano)) {
            return ValidityReason.UNKNOWN_TOKEN;
        }
        if (!isBefore(second, nano, linkage.revokedSecond, linkage.revokedNano)) {
            return ValidityReason.REVOKED;
        }
        if (!linkage.accountRegistered || linkage.accountClosed) {
            return ValidityReason.ACCOUNT_CLOSED;
        }
        if (!isBefore(second, nano, linkage.expiresSecond, linkage.expiresNano)) {
            return ValidityReason.EXPIRED;
        }
        if (!isBefore(second, nano, linkage.registrationExpiresSecond, linkage.registrationExpiresNano)) {
            return ValidityReason.REGISTRATION_LAPSED;
        }
        if (linkage.provider.status != ProviderStatus.ACTIVE) {
            return ValidityReason.PROVIDER_SUSPENDED;
        }
        if (linkage.accountSuspended) {
            return ValidityReason.ACCOUNT_SUSPENDED;
        }
        if (linkage.suspended) {
            return ValidityReason.SUSPENDED;
        }
        for (Window window : windows) { // latest end first
            if (!isBefore(second, nano, window.untilSecond, window.untilNano)) {
                break; // this window, and every one after it, had ended by at
            }
            if (!isBefore(second, nano, window.fromSecond, window.fromNano)
                    && (window.provider == null || window.provider == linkage.provider)) {
                return ValidityReason.SERVICE_SUSPENDED;
            }
        }
        if (scope == null || (linkage.scopes & bit(scope)) == 0) {
            return ValidityReason.SCOPE_NOT_GRANTED;
        }
        return ValidityReason.VALID;
    }

    /** Instant.isBefore on the two fields. */
    private static boolean isBefore(long second, int nano, long otherSecond, int otherNano) {
        return second < otherSecond || second == otherSecond && nano < otherNano;
    }

    private static int bit(Scope scope) {
        return 1 << scope.ordinal();
    }

    /** The rule's view of one linkage, replaced whole when it changes (one writer, any number of readers). */
    static final class Linkage {
        final long grantedSecond;
        final int grantedNano;
        final long expiresSecond;
        final int expiresNano;
        /** Long.MAX_VALUE while not revoked: later than any Instant. */
        final long revokedSecond;
        final int revokedNano;
        final int scopes;
        final boolean suspended;
        /** The account's facts when this was made; false while the account is not registered (in this fold). */
        final boolean accountRegistered;
        final boolean accountClosed;
        final boolean accountSuspended;
        final long registrationExpiresSecond;
        final int registrationExpiresNano;
        final Provider provider;
        /** The VALID answer about this linkage, made once with it, so that a valid check allocates nothing. */
        final TokenVerdict valid;

        /** {@code account} null while the account is not registered (in this fold). */
        Linkage(ConsentFacts.LinkageFacts facts, ConsentFacts.AccountFacts account, Provider provider) {
            this.grantedSecond = facts.grantedAt().getEpochSecond();
            this.grantedNano = facts.grantedAt().getNano();
            this.expiresSecond = facts.expiresAt().getEpochSecond();
            this.expiresNano = facts.expiresAt().getNano();
            this.revokedSecond = facts.revokedAt() == null ? Long.MAX_VALUE : facts.revokedAt().getEpochSecond();
            this.revokedNano = facts.revokedAt() == null ? 0 : facts.revokedAt().getNano();
            this.scopes = bits(facts.scopes());
            this.suspended = facts.suspended();
            this.accountRegistered = account != null;
            this.accountClosed = account != null && account.closed();
            this.accountSuspended = account != null && account.suspended();
            this.registrationExpiresSecond = account == null ? 0 : account.registrationExpiresAt().getEpochSecond();
            this.registrationExpiresNano = account == null ? 0 : account.registrationExpiresAt().getNano();
            this.provider = provider;
            this.valid = new TokenVerdict(ValidityReason.VALID, facts);
        }

        ConsentFacts.LinkageFacts facts() {
            return valid.linkage();
        }

        private static int bits(Set<Scope> scopes) {
            int bits = 0;
            for (Scope scope : scopes) {
                bits |= bit(scope);
            }
            return bits;
        }
    }

    /** One per provider, shared by its linkages and the windows that name it (so identity is equality). */
    static final class Provider {
        /** Null until registered. */
        volatile ProviderStatus status;
    }

    /** A service suspension window [from, until); provider null covers every provider. */
    record Window(long fromSecond, int fromNano, long untilSecond, int untilNano, Provider provider) {
        Window(ConsentFacts.SuspensionWindow window, Provider provider) {
            this(window.from().getEpochSecond(), window.from().getNano(), window.until().getEpochSecond(),
                    window.until().getNano(), provider);
        }

        /** Latest end first, so that a check stops at the first window that has ended (usually the first). */
        static final Comparator<Window> LATEST_END_FIRST = Comparator.comparingLong(Window::untilSecond)
                .thenComparingInt(Window::untilNano).reversed();
    }
}
