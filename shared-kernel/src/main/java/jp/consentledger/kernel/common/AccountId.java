package jp.consentledger.kernel.common;

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

    @Override
    public String toString() {
        return value;
    }
}
