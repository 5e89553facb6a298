package jp.consentledger.kernel.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A further third party (連鎖接続先) that receives data through a provider (R2.1, R4.8). */
public record ChainedRecipient(@JsonValue String value) {
    public ChainedRecipient {
        Identifiers.requireText(value, "chainedRecipient", 128);
    }

    @JsonCreator
    public static ChainedRecipient of(String value) {
        return new ChainedRecipient(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
