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

    @Override
    public String toString() {
        return value;
    }
}
