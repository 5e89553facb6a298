package jp.consentledger.query.linkage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.kernel.account.AccountClosedEvent;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.account.AccountResumedEvent;
import jp.consentledger.kernel.account.AccountSuspendedEvent;
import jp.consentledger.kernel.account.RegistrationRenewedEvent;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.json.LedgerJson;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.linkage.LinkageAmendedEvent;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.linkage.LinkageResumedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationRequestedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.linkage.LinkageSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderCredentialRotatedEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderTerminatedEvent;
import jp.consentledger.query.position.EventPositions;
import jp.consentledger.query.role.FullNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.consentledger.kernel.time.LedgerTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The linkage directory: providers, accounts and linkages as they stand now, for providers' and
 * staff's reads. A linkage row changes only with its account's events, so the rows of one account
 * stay in one processor segment and segments may be spread over nodes.
 * <p>
 * A processor batch (up to a thousand events while replaying) is folded in memory and written once, as
 * its unit of work prepares to commit, in the batch's transaction with the processor's token: a replay
 * costs a few statements per batch instead of one per event, and a batch that fails to write rolls
 * back whole. Live batches are small and commit as soon as they are handled, as before.
 * <p>
 * Each row names the global position of the last event that changed it, the event's own (see
 * {@link EventPositions}), which is what an answer's {@code asOf.eventPosition} reports.
 */
@FullNode
@Component
@ProcessingGroup(LinkageDirectoryProjection.PROCESSING_GROUP)
public class LinkageDirectoryProjection {
    public static final String PROCESSING_GROUP = "linkage-directory";
    private static final ObjectMapper JSON = LedgerJson.objectMapper();

    private final JdbcClient jdbc;
    private final EventPositions positions;
    /** Per instance: the audit replay runs a second instance of this projection into its own database. */
    private final String batchResource = getClass().getName() + "@" + System.identityHashCode(this);

    public LinkageDirectoryProjection(JdbcClient jdbc, EventPositions positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    /** What one batch changes, table by table, flushed in this order. */
    private static final class Changes {
        final PendingRows providers = new PendingRows("read_model.rm_provider", "provider_id",
                "name", "status", "credential_id", "registered_at", "last_event_position");
        final PendingRows accounts = new PendingRows("read_model.rm_account", "account_id",
                "customer_id", "customer_type", "account_type", "terms_version", "registered_at",
                "registration_expires_at", "status", "last_event_position");
        final PendingRows linkages = new PendingRows("read_model.rm_linkage", "linkage_id",
                "account_id", "provider_id", "customer_id", "scopes", "chained_recipients", "terms_version",
                "granted_at", "expires_at", "status", "suspended", "revocation_requested_at",
                "revocation_recorded_at", "revoked_at", "last_event_position", "last_event_at");

        void write(JdbcClient jdbc) {
            providers.write(jdbc);
            accounts.write(jdbc);
            linkages.write(jdbc);
        }
    }

    @EventHandler
    void on(ProviderRegisteredEvent e, EventMessage<?> message, TrackingToken token) {
        record(c -> c.providers.insert(e.providerId().value(), "name", e.name(), "status", "ACTIVE",
                "credential_id", e.credentialId().value(), "registered_at", utc(e.registeredAt()),
                "last_event_position", positions.of(message, token)));
    }

    @EventHandler
    void on(ProviderCredentialRotatedEvent e, EventMessage<?> message, TrackingToken token) {
        record(c -> c.providers.update(e.providerId().value(), "credential_id", e.credentialId().value(),
                "last_event_position", positions.of(message, token)));
    }

    @EventHandler
    void on(ProviderSuspendedEvent e, EventMessage<?> message, TrackingToken token) {
        providerStatus(e.providerId().value(), "SUSPENDED", positions.of(message, token));
    }

    @EventHandler
    void on(ProviderReinstatedEvent e, EventMessage<?> message, TrackingToken token) {
        providerStatus(e.providerId().value(), "ACTIVE", positions.of(message, token));
    }

    @EventHandler
    void on(ProviderTerminatedEvent e, EventMessage<?> message, TrackingToken token) {
        providerStatus(e.providerId().value(), "TERMINATED", positions.of(message, token));
    }

    @EventHandler
    void on(AccountRegisteredEvent e, EventMessage<?> message, TrackingToken token) {
        record(c -> c.accounts.insert(e.accountId().value(), "customer_id", e.customerId().value(),
                "customer_type", e.customerType().name(), "account_type", e.accountType().name(),
                "terms_version", e.termsVersion().value(), "registered_at", utc(e.registeredAt()),
                "registration_expires_at", utc(e.registrationExpiresAt()), "status", "OPEN",
                "last_event_position", positions.of(message, token)));
    }

    @EventHandler
    void on(RegistrationRenewedEvent e, EventMessage<?> message, TrackingToken token) {
        record(c -> c.accounts.update(e.accountId().value(), "terms_version", e.termsVersion().value(),
                "registration_expires_at", utc(e.registrationExpiresAt()), "last_event_position", positions.of(message, token)));
    }

    @EventHandler
    void on(AccountClosedEvent e, EventMessage<?> message, TrackingToken token) {
        accountStatus(e.accountId().value(), "CLOSED", positions.of(message, token));
    }

    @EventHandler
    void on(AccountSuspendedEvent e, EventMessage<?> message, TrackingToken token) {
        accountStatus(e.accountId().value(), "SUSPENDED", positions.of(message, token));
    }

    @EventHandler
    void on(AccountResumedEvent e, EventMessage<?> message, TrackingToken token) {
        accountStatus(e.accountId().value(), "OPEN", positions.of(message, token));
    }

    @EventHandler
    void on(LinkageGrantedEvent e, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        record(c -> c.linkages.insert(e.linkageId().value(), "account_id", e.accountId().value(),
                "provider_id", e.providerId().value(), "customer_id", e.customerId().value(),
                "scopes", scopes(e.scopes()), "chained_recipients", recipients(e.chainedRecipients()),
                "terms_version", e.termsVersion().value(), "granted_at", utc(e.grantedAt()),
                "expires_at", utc(e.expiresAt()), "status", "ACTIVE", "suspended", false,
                "last_event_position", positions.of(message, token), "last_event_at", utc(recordedAt)));
    }

    @EventHandler
    void on(LinkageAmendedEvent e, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        record(c -> c.linkages.update(e.linkageId().value(), "scopes", scopes(e.scopes()),
                "chained_recipients", recipients(e.chainedRecipients()),
                "last_event_position", positions.of(message, token), "last_event_at", utc(recordedAt)));
    }

    @EventHandler
    void on(LinkageRevocationRequestedEvent e, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        record(c -> c.linkages.update(e.linkageId().value(), "status", "REVOCATION_REQUESTED",
                "revocation_requested_at", utc(e.requestedAt()), "revocation_recorded_at", utc(e.recordedAt()),
                "last_event_position", positions.of(message, token), "last_event_at", utc(recordedAt)));
    }

    @EventHandler
    void on(LinkageRevocationConfirmedEvent e, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        revoked(e.linkageId().value(), e.confirmedAt(), positions.of(message, token), recordedAt);
    }

    @EventHandler
    void on(LinkageRevokedAtBankEvent e, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        revoked(e.linkageId().value(), e.revokedAt(), positions.of(message, token), recordedAt);
    }

    @EventHandler
    void on(LinkageSuspendedEvent e, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        suspended(e.linkageId().value(), true, positions.of(message, token), recordedAt);
    }

    @EventHandler
    void on(LinkageResumedEvent e, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        suspended(e.linkageId().value(), false, positions.of(message, token), recordedAt);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM read_model.rm_linkage").update();
        jdbc.sql("DELETE FROM read_model.rm_account").update();
        jdbc.sql("DELETE FROM read_model.rm_provider").update();
    }

    /**
     * Notes an event's changes with the rest of its batch's, written when the batch's unit of work
     * prepares to commit.
     * Without a unit of work (the audit replay drives the handlers itself, in its own transaction), they
     * are written at once.
     */
    private void record(Consumer<Changes> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            Changes immediate = new Changes();
            change.accept(immediate);
            immediate.write(jdbc);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        change.accept(batch.getOrComputeResource(batchResource, key -> {
            Changes changes = new Changes();
            batch.onPrepareCommit(u -> changes.write(jdbc));
            return changes;
        }));
    }

    private void revoked(String linkageId, Instant revokedAt, long position, Instant recordedAt) {
        record(c -> c.linkages.update(linkageId, "status", "REVOKED", "revoked_at", utc(revokedAt),
                "last_event_position", position, "last_event_at", utc(recordedAt)));
    }

    private void suspended(String linkageId, boolean value, long position, Instant recordedAt) {
        record(c -> c.linkages.update(linkageId, "suspended", value,
                "last_event_position", position, "last_event_at", utc(recordedAt)));
    }

    private void providerStatus(String providerId, String status, long position) {
        record(c -> c.providers.update(providerId, "status", status, "last_event_position", position));
    }

    private void accountStatus(String accountId, String status, long position) {
        record(c -> c.accounts.update(accountId, "status", status, "last_event_position", position));
    }

    static OffsetDateTime utc(Instant instant) {
        return LedgerTime.storable(instant); // any instant an event may hold, never a DateTimeException
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
