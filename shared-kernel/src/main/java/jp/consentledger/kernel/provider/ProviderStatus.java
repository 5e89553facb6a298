package jp.consentledger.kernel.provider;

public enum ProviderStatus {
    ACTIVE,
    SUSPENDED,
    TERMINATED
}
