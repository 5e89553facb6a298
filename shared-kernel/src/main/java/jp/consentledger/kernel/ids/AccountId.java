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
     * Axon takes the aggregate identifier from this: the type prefix keeps the bank's ids of different
     * kinds (an account and a provider may both be "001") apart in the event store. Print {@link #value()}.
     */
    @Override
    public String toString() {
        return "account:" + value;
    }
}
