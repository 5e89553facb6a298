package jp.consentledger.query.console.directory;

/** One of a customer's accounts, as the customer page lists it. */
public record CustomerAccount(String accountId, String accountType, String status) {
}
