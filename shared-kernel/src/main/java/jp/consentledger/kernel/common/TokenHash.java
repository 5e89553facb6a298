package jp.consentledger.kernel.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** The keyed hash of a token (64 lowercase hex characters); the only form of a token the ledger keeps. */
public record TokenHash(@JsonValue String value) {
    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

    public TokenHash {
        if (value == null || !HEX_256.matcher(value).matches()) {
            throw new IllegalArgumentException("tokenHash must be 64 lowercase hexadecimal characters");
        }
    }

    @JsonCreator
    public static TokenHash of(String value) {
        return new TokenHash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
