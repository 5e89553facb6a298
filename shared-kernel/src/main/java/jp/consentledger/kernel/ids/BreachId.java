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

    /** The identifier of this aggregate in the event store: the bare value, as stored since the first event. */
    public String aggregateIdentifier() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
