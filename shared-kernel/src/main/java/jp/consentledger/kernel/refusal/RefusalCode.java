package jp.consentledger.kernel.refusal;

/** Stable codes of refused commands, with the HTTP status class each maps to. */
public enum RefusalCode {
    PROVIDER_ALREADY_REGISTERED(409, "Provider already registered"),
    PROVIDER_NOT_FOUND(404, "Provider not found"),
    PROVIDER_UNKNOWN(422, "Provider is not contracted with the bank"),
    PROVIDER_SUSPENDED(422, "Provider is suspended"),
    PROVIDER_TERMINATED(422, "Provider's contract has ended"),
    TERMS_VERSION_ALREADY_PUBLISHED(409, "Terms version already published"),
    TERMS_VERSION_UNKNOWN(422, "Terms version not published"),
    TERMS_VERSION_NOT_IN_FORCE(422, "Terms version not in force"),
    ACCOUNT_ALREADY_REGISTERED(409, "Account already registered"),
    ACCOUNT_NOT_FOUND(404, "Account not found"),
    ACCOUNT_UNKNOWN(422, "Account is not registered"),
    ACCOUNT_NOT_ELIGIBLE(422, "Account not eligible for the service"),
    ACCOUNT_CLOSED(422, "Account is closed"),
    ACCOUNT_SUSPENDED(422, "Account is suspended"),
    REGISTRATION_LAPSED(422, "Registration has lapsed"),
    LINKAGE_NOT_FOUND(404, "Linkage not found"),
    LINKAGE_UNKNOWN(422, "Linkage is not recorded"),
    LINKAGE_ALREADY_ACTIVE(409, "A live linkage already exists"),
    LINKAGE_ALREADY_REVOKED(409, "Linkage already revoked"),
    LINKAGE_EXPIRED(409, "Linkage has expired"),
    LINKAGE_NOT_SUSPENDED(409, "Linkage is not suspended"),
    REVOCATION_NOT_REQUESTED(409, "No revocation has been requested"),
    BREACH_NOT_FOUND(404, "Breach not found"),
    BREACH_ALREADY_RESOLVED(409, "Breach already resolved"),
    INVALID_PERIOD(422, "Invalid period"),
    CONCURRENT_MODIFICATION(409, "Concurrent modification");

    private final int httpStatus;
    private final String title;

    RefusalCode(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }
}
