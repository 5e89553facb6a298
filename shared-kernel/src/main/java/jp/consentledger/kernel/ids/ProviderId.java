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
     * The identifier of this provider's aggregate in the event store, exactly as stored since the first
     * event: the type prefix keeps the bank's ids of different kinds (an account and a provider may both
     * be "001") apart there. Commands route by it and the aggregate declares it; nothing else does.
     */
    public String aggregateIdentifier() {
        return "provider:" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
