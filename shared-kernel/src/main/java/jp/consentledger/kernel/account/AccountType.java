package jp.consentledger.kernel.account;

/** The account kinds eligible for the service (R2.2). */
public enum AccountType {
    /** 普通預金 (incl. 総合口座) */
    ORDINARY_DEPOSIT,
    /** 貯蓄預金 */
    SAVINGS_DEPOSIT,
    /** カードローン */
    CARD_LOAN
}
