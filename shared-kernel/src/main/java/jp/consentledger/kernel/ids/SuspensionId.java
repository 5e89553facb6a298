package jp.consentledger.kernel.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record SuspensionId(@JsonValue String value) {
    public SuspensionId {
        Identifiers.requireBankId(value, "suspensionId");
    }

    @JsonCreator
    public static SuspensionId of(String value) {
        return new SuspensionId(value);
    }

    public static SuspensionId newId(java.util.UUID uuid) {
        return new SuspensionId("svs-" + uuid);
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
