package jp.consentledger.kernel.linkage;

/** Where a linkage stands in its lifecycle, ignoring time-based expiry (which the rule decides at the instant asked). */
public enum LinkageStatus {
    ACTIVE,
    REVOCATION_REQUESTED,
    REVOKED
}
