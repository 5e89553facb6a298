package jp.consentledger.kernel.breach;

/** 事故 (R4.6, T3.6). */
public enum BreachKind {
    DATA_LEAK,
    UNAUTHORIZED_ACCESS,
    FRAUDULENT_USE,
    SYSTEM_FAILURE
}
