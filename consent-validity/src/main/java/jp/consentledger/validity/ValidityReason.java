package jp.consentledger.validity;

/** The answers of a token check (API.md). Only VALID is valid. */
public enum ValidityReason {
    VALID,
    UNKNOWN_TOKEN,
    EXPIRED,
    REVOKED,
    SUSPENDED,
    REGISTRATION_LAPSED,
    ACCOUNT_CLOSED,
    ACCOUNT_SUSPENDED,
    PROVIDER_SUSPENDED,
    SERVICE_SUSPENDED,
    SCOPE_NOT_GRANTED;

    public boolean valid() {
        return this == VALID;
    }
}
