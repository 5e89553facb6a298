package jp.consentledger.kernel.account;

/** 個人 (holds a cash card) or 法人 (has the internet-banking contract), T1.1. */
public enum CustomerType {
    INDIVIDUAL,
    CORPORATE
}
