package jp.consentledger.kernel.token;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The keyed hash of a token (64 lowercase hex characters); the only form of a token the ledger keeps. */
public record TokenHash(@JsonValue String value) {
    private static final int LENGTH = 64;

    public TokenHash {
        if (!isLowercaseHex256(value)) {
            throw new IllegalArgumentException("tokenHash must be 64 lowercase hexadecimal characters");
        }
    }

    // A loop, not a regex: every token check builds one of these on the hot path.
    private static boolean isLowercaseHex256(String value) {
        if (value == null || value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    @JsonCreator
    public static TokenHash of(String value) {
        return new TokenHash(value);
    }

    // Written out: the record's generated equals goes through method handles that the JIT did not inline
    // once map lookups of several key types shared a call site (it showed in the token check's profile).
    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof TokenHash hash && value.equals(hash.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
