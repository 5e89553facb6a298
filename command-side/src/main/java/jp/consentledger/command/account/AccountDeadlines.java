package jp.consentledger.command.account;

import jp.consentledger.kernel.ids.LinkageId;

import java.time.Instant;

/**
 * Deadlines the account sets for itself, so the history records when a period ended. Each carries
 * the end it was set for: a deadline left behind by a renewal or revocation no longer matches and
 * records nothing.
 */
public final class AccountDeadlines {
    public static final String LINKAGE_EXPIRY = "linkage-expiry";
    public static final String REGISTRATION_LAPSE = "registration-lapse";

    private AccountDeadlines() {
    }

    public record LinkageExpiryDue(LinkageId linkageId, Instant expiresAt) {
    }

    public record RegistrationLapseDue(Instant registrationExpiresAt) {
    }
}
