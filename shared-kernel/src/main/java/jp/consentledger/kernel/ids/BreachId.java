package jp.consentledger.kernel.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record BreachId(@JsonValue String value) {
    public BreachId {
        Identifiers.requireBankId(value, "breachId");
    }

    @JsonCreator
    public static BreachId of(String value) {
        return new BreachId(value);
    }

    public static BreachId newId(java.util.UUID uuid) {
        return new BreachId("brc-" + uuid);
    }

    @Override
    public String toString() {
        return value;
    }
}
