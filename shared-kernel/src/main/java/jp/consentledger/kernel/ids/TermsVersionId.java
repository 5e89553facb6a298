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
     * The identifier of this terms's aggregate in the event store, exactly as stored since the first
     * event: the type prefix keeps the bank's ids of different kinds (an account and a provider may both
     * be "001") apart there. Commands route by it and the aggregate declares it; nothing else does.
     */
    public String aggregateIdentifier() {
        return "terms:" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
