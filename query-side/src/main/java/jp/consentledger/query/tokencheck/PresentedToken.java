package jp.consentledger.query.tokencheck;

import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.token.TokenHasher;

/**
 * A token as a caller presents it (the gateway's check, its introspection, an auditor's past check): 1 to 256
 * printable ASCII characters, the only shape a token the ledger issues can have. Only its hash is ever looked
 * up; it never prints.
 */
public final class PresentedToken {
    public static final int MAX_LENGTH = 256;

    private final String value;

    /** Refuses a missing token ("token is required") and one no token the ledger issued looks like. */
    public PresentedToken(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("token is required");
        }
        if (!wellFormed(value)) {
            throw new IllegalArgumentException("token must be at most " + MAX_LENGTH + " printable ASCII characters");
        }
        this.value = value;
    }

    /** Whether {@code value} has the shape of a token: 1 to 256 characters, each printable ASCII (no space). */
    public static boolean wellFormed(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_LENGTH
                && value.chars().allMatch(c -> c > 32 && c < 127);
    }

    public TokenHash hashWith(TokenHasher hasher) {
        return hasher.hash(value);
    }

    @Override
    public String toString() {
        return "PresentedToken[redacted]"; // never print the token
    }
}
