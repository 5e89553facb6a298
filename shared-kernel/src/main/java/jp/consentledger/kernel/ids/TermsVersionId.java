package jp.consentledger.kernel.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A published version of the terms of service (規定の版), e.g. {@code 2026-04}. */
public record TermsVersionId(@JsonValue String value) {
    public TermsVersionId {
        Identifiers.requireBankId(value, "termsVersion");
    }

    @JsonCreator
    public static TermsVersionId of(String value) {
        return new TermsVersionId(value);
    }

    /**
     * Axon takes the aggregate identifier from this: the type prefix keeps the bank's ids of different
     * kinds (an account and a provider may both be "001") apart in the event store. Print {@link #value()}.
     */
    @Override
    public String toString() {
        return "terms:" + value;
    }
}
