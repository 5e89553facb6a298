package jp.consentledger.kernel.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record CustomerId(@JsonValue String value) {
    public CustomerId {
        Identifiers.requireBankId(value, "customerId");
    }

    @JsonCreator
    public static CustomerId of(String value) {
        return new CustomerId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
