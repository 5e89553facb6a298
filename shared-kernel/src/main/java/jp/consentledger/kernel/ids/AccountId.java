package jp.consentledger.kernel.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record AccountId(@JsonValue String value) {
    public AccountId {
        Identifiers.requireBankId(value, "accountId");
    }

    @JsonCreator
    public static AccountId of(String value) {
        return new AccountId(value);
    }

    /**
     * The identifier of this account's aggregate in the event store, exactly as stored since the first
     * event: the type prefix keeps the bank's ids of different kinds (an account and a provider may both
     * be "001") apart there. Commands route by it and the aggregate declares it; nothing else does.
     */
    public String aggregateIdentifier() {
        return "account:" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
