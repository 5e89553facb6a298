package jp.consentledger.kernel.ids;

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

    /**
     * Axon takes the aggregate identifier from this: the type prefix keeps the bank's ids of different
     * kinds (an account and a provider may both be "001") apart in the event store. Print {@link #value()}.
     */
    @Override
    public String toString() {
        return "provider:" + value;
    }
}
