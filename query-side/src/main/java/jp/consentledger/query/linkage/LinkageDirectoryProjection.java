package jp.consentledger.query.linkage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.kernel.account.AccountClosedEvent;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.account.AccountResumedEvent;
import jp.consentledger.kernel.account.AccountSuspendedEvent;
import jp.consentledger.kernel.account.RegistrationRenewedEvent;
import jp.consentledger.kernel.common.ChainedRecipient;
import jp.consentledger.kernel.common.LedgerJson;
import jp.consentledger.kernel.common.Scope;
import jp.consentledger.kernel.linkage.LinkageAmendedEvent;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.linkage.LinkageResumedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationRequestedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.linkage.LinkageSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderTerminatedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The linkage directory: providers, accounts and linkages as they stand now, for providers' and
 * staff's reads. A linkage row changes only with its account's events, so the rows of one account
 * stay in one processor segment and segments may be spread over nodes.
 */
@Component
@ProcessingGroup(LinkageDirectoryProjection.PROCESSING_GROUP)
public class LinkageDirectoryProjection {
    public static final String PROCESSING_GROUP = "linkage-directory";
    private static final ObjectMapper JSON = LedgerJson.objectMapper();

    private final JdbcClient jdbc;

    public LinkageDirectoryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProviderRegisteredEvent e, TrackingToken token) {
        jdbc.sql("INSERT INTO read_model.rm_provider (provider_id, name, status, secret_hash, registered_at, last_event_position)"
                        + " VALUES (?, ?, 'ACTIVE', ?, ?, ?)")
                .params(e.providerId().value(), e.name(), e.secretHash(), utc(e.registeredAt()), position(token)).update();
    }

    @EventHandler
    void on(ProviderSuspendedEvent e, TrackingToken token) {
        providerStatus(e.providerId().value(), "SUSPENDED", token);
    }

    @EventHandler
    void on(ProviderReinstatedEvent e, TrackingToken token) {
        providerStatus(e.providerId().value(), "ACTIVE", token);
    }

    @EventHandler
    void on(ProviderTerminatedEvent e, TrackingToken token) {
        providerStatus(e.providerId().value(), "TERMINATED", token);
    }

    @EventHandler
    void on(AccountRegisteredEvent e, TrackingToken token) {
        jdbc.sql("INSERT INTO read_model.rm_account (account_id, customer_id, customer_type, account_type, terms_version,"
                        + " registered_at, registration_expires_at, status, last_event_position)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)")
                .params(e.accountId().value(), e.customerId().value(), e.customerType().name(), e.accountType().name(),
                        e.termsVersion().value(), utc(e.registeredAt()), utc(e.registrationExpiresAt()), position(token))
                .update();
    }

    @EventHandler
    void on(RegistrationRenewedEvent e, TrackingToken token) {
        jdbc.sql("UPDATE read_model.rm_account SET terms_version = ?, registration_expires_at = ?, last_event_position = ?"
                        + " WHERE account_id = ?")
                .params(e.termsVersion().value(), utc(e.registrationExpiresAt()), position(token), e.accountId().value())
                .update();
    }

    @EventHandler
    void on(AccountClosedEvent e, TrackingToken token) {
        accountStatus(e.accountId().value(), "CLOSED", token);
    }

    @EventHandler
    void on(AccountSuspendedEvent e, TrackingToken token) {
        accountStatus(e.accountId().value(), "SUSPENDED", token);
    }

    @EventHandler
    void on(AccountResumedEvent e, TrackingToken token) {
        accountStatus(e.accountId().value(), "OPEN", token);
    }

    @EventHandler
    void on(LinkageGrantedEvent e, TrackingToken token, @Timestamp Instant recordedAt) {
        jdbc.sql("INSERT INTO read_model.rm_linkage (linkage_id, account_id, provider_id, customer_id, scopes,"
                        + " chained_recipients, terms_version, granted_at, expires_at, status, suspended,"
                        + " last_event_position, last_event_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', FALSE, ?, ?)")
                .params(e.linkageId().value(), e.accountId().value(), e.providerId().value(), e.customerId().value(),
                        scopes(e.scopes()), recipients(e.chainedRecipients()), e.termsVersion().value(),
                        utc(e.grantedAt()), utc(e.expiresAt()), position(token), utc(recordedAt))
                .update();
    }

    @EventHandler
    void on(LinkageAmendedEvent e, TrackingToken token, @Timestamp Instant recordedAt) {
        jdbc.sql("UPDATE read_model.rm_linkage SET scopes = ?, chained_recipients = ?, last_event_position = ?,"
                        + " last_event_at = ? WHERE linkage_id = ?")
                .params(scopes(e.scopes()), recipients(e.chainedRecipients()), position(token), utc(recordedAt),
                        e.linkageId().value())
                .update();
    }

    @EventHandler
    void on(LinkageRevocationRequestedEvent e, TrackingToken token, @Timestamp Instant recordedAt) {
        jdbc.sql("UPDATE read_model.rm_linkage SET status = 'REVOCATION_REQUESTED', revocation_requested_at = ?,"
                        + " revocation_recorded_at = ?, last_event_position = ?, last_event_at = ? WHERE linkage_id = ?")
                .params(utc(e.requestedAt()), utc(e.recordedAt()), position(token), utc(recordedAt), e.linkageId().value())
                .update();
    }

    @EventHandler
    void on(LinkageRevocationConfirmedEvent e, TrackingToken token, @Timestamp Instant recordedAt) {
        revoked(e.linkageId().value(), e.confirmedAt(), token, recordedAt);
    }

    @EventHandler
    void on(LinkageRevokedAtBankEvent e, TrackingToken token, @Timestamp Instant recordedAt) {
        revoked(e.linkageId().value(), e.revokedAt(), token, recordedAt);
    }

    @EventHandler
    void on(LinkageSuspendedEvent e, TrackingToken token, @Timestamp Instant recordedAt) {
        suspended(e.linkageId().value(), true, token, recordedAt);
    }

    @EventHandler
    void on(LinkageResumedEvent e, TrackingToken token, @Timestamp Instant recordedAt) {
        suspended(e.linkageId().value(), false, token, recordedAt);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM read_model.rm_linkage").update();
        jdbc.sql("DELETE FROM read_model.rm_account").update();
        jdbc.sql("DELETE FROM read_model.rm_provider").update();
    }

    private void revoked(String linkageId, Instant revokedAt, TrackingToken token, Instant recordedAt) {
        jdbc.sql("UPDATE read_model.rm_linkage SET status = 'REVOKED', revoked_at = ?, last_event_position = ?,"
                        + " last_event_at = ? WHERE linkage_id = ?")
                .params(utc(revokedAt), position(token), utc(recordedAt), linkageId).update();
    }

    private void suspended(String linkageId, boolean value, TrackingToken token, Instant recordedAt) {
        jdbc.sql("UPDATE read_model.rm_linkage SET suspended = ?, last_event_position = ?, last_event_at = ?"
                        + " WHERE linkage_id = ?")
                .params(value, position(token), utc(recordedAt), linkageId).update();
    }

    private void providerStatus(String providerId, String status, TrackingToken token) {
        jdbc.sql("UPDATE read_model.rm_provider SET status = ?, last_event_position = ? WHERE provider_id = ?")
                .params(status, position(token), providerId).update();
    }

    private void accountStatus(String accountId, String status, TrackingToken token) {
        jdbc.sql("UPDATE read_model.rm_account SET status = ?, last_event_position = ? WHERE account_id = ?")
                .params(status, position(token), accountId).update();
    }

    private static long position(TrackingToken token) {
        return token.position().orElse(-1);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String scopes(Set<Scope> scopes) {
        return scopes.stream().map(Scope::name).collect(Collectors.joining(","));
    }

    private static String recipients(List<ChainedRecipient> recipients) {
        try {
            return JSON.writeValueAsString(recipients);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chained recipients are plain strings and always serialize", e);
        }
    }
}
