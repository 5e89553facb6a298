package jp.consentledger.kernel.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record ProviderId(@JsonValue String value) {
    public ProviderId {
        Identifiers.requireBankId(value, "providerId");
    }

    @JsonCreator
    public static ProviderId of(String value) {
        return new ProviderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
