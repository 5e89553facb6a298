package jp.consentledger.query.audit;

import jp.consentledger.kernel.account.AccountClosedEvent;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.account.AccountResumedEvent;
import jp.consentledger.kernel.account.AccountSuspendedEvent;
import jp.consentledger.kernel.account.RegistrationLapsedEvent;
import jp.consentledger.kernel.account.RegistrationRenewedEvent;
import jp.consentledger.kernel.breach.BreachReportedEvent;
import jp.consentledger.kernel.breach.BreachResolvedEvent;
import jp.consentledger.kernel.breach.DisclosureRecordedEvent;
import jp.consentledger.kernel.common.EventStoreContract;
import jp.consentledger.kernel.common.LedgerEvent;
import jp.consentledger.kernel.linkage.LinkageAmendedEvent;
import jp.consentledger.kernel.linkage.LinkageExpiredEvent;
import jp.consentledger.kernel.linkage.LinkageGrantRefusedEvent;
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
import jp.consentledger.kernel.service.ServiceSuspensionDeclaredEvent;
import jp.consentledger.kernel.service.ServiceSuspensionLiftedEvent;
import jp.consentledger.kernel.terms.TermsVersionPublishedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The audit index: every event, with its exact stored JSON and its hash links, keyed by global position
 * and by the subjects it bears on (a linkage, an account, a provider, or the whole service). History and
 * "as of" read one subject's rows through the primary key, so their cost follows the subject's own
 * history, not the size of the store.
 */
@Component
@ProcessingGroup(AuditIndexProjection.PROCESSING_GROUP)
public class AuditIndexProjection {
    public static final String PROCESSING_GROUP = "audit-index";
    static final String SERVICE = "*";

    enum Kind { LINKAGE, ACCOUNT, PROVIDER, SERVICE }

    record Subject(Kind kind, String id) {
    }

    private final JdbcClient jdbc;
    private final EventRows events;

    public AuditIndexProjection(JdbcClient jdbc, EventRows events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message, TrackingToken token) {
        long position = token.position().orElseThrow();
        Instant occurredAt = payload instanceof LedgerEvent e ? e.occurredAt() : message.getTimestamp();
        // On a JDBC store the index copies the stored row: its exact JSON and its chain links. Axon Server's
        // store has no rows to read (and no chain): the index keeps the event's JSON form without links.
        EventRows.Row row = events.at(position).orElse(null);
        String payloadJson = row != null ? new String(row.event().payload(), StandardCharsets.UTF_8)
                : EventStoreContract.serializer().serialize(payload, String.class).getData();
        DomainEventMessage<?> domain = message instanceof DomainEventMessage<?> d ? d : null;
        jdbc.sql("INSERT INTO read_model.audit_event (global_index, event_id, aggregate_id, sequence_number,"
                        + " payload_type, occurred_at, recorded_at, payload, previous_hash, chain_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(position, message.getIdentifier(),
                        domain == null ? message.getIdentifier() : domain.getAggregateIdentifier(),
                        domain == null ? 0 : domain.getSequenceNumber(), message.getPayloadType().getName(),
                        utc(occurredAt), utc(message.getTimestamp()), payloadJson,
                        row == null ? null : row.previousHash(), row == null ? null : row.chainHash())
                .update();
        if (payload instanceof LinkageGrantedEvent e) {
            jdbc.sql("INSERT INTO read_model.audit_linkage (linkage_id, account_id, provider_id, token_hash) VALUES (?, ?, ?, ?)")
                    .params(e.linkageId().value(), e.accountId().value(), e.providerId().value(), e.tokenHash().value())
                    .update();
        }
        for (Subject subject : subjectsOf(payload, position)) {
            jdbc.sql("INSERT INTO read_model.audit_subject (subject_kind, subject_id, global_index) VALUES (?, ?, ?)")
                    .params(subject.kind().name(), subject.id(), position).update();
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM read_model.audit_subject").update();
        jdbc.sql("DELETE FROM read_model.audit_reference").update();
        jdbc.sql("DELETE FROM read_model.audit_linkage").update();
        jdbc.sql("DELETE FROM read_model.audit_event").update();
    }

    /** What an event bears on. Events unknown here are kept (history by position) but name no subject. */
    private Set<Subject> subjectsOf(Object event, long position) {
        Set<Subject> subjects = new LinkedHashSet<>();
        if (event instanceof LinkageGrantedEvent e) {
            subjects.add(new Subject(Kind.LINKAGE, e.linkageId().value()));
        } else if (event instanceof LinkageAmendedEvent e) {
            subjects.add(new Subject(Kind.LINKAGE, e.linkageId().value()));
        } else if (event instanceof LinkageExpiredEvent e) {
            subjects.add(new Subject(Kind.LINKAGE, e.linkageId().value()));
        } else if (event instanceof LinkageRevocationRequestedEvent e) {
            subjects.add(new Subject(Kind.LINKAGE, e.linkageId().value()));
        } else if (event instanceof LinkageRevocationConfirmedEvent e) {
            subjects.add(new Subject(Kind.LINKAGE, e.linkageId().value()));
        } else if (event instanceof LinkageRevokedAtBankEvent e) {
            subjects.add(new Subject(Kind.LINKAGE, e.linkageId().value()));
        } else if (event instanceof LinkageSuspendedEvent e) {
            subjects.add(new Subject(Kind.LINKAGE, e.linkageId().value()));
        } else if (event instanceof LinkageResumedEvent e) {
            subjects.add(new Subject(Kind.LINKAGE, e.linkageId().value()));
        } else if (event instanceof LinkageGrantRefusedEvent e) {
            subjects.add(new Subject(Kind.ACCOUNT, e.accountId().value()));
        } else if (event instanceof AccountRegisteredEvent e) {
            subjects.add(new Subject(Kind.ACCOUNT, e.accountId().value()));
        } else if (event instanceof RegistrationRenewedEvent e) {
            subjects.add(new Subject(Kind.ACCOUNT, e.accountId().value()));
        } else if (event instanceof RegistrationLapsedEvent e) {
            subjects.add(new Subject(Kind.ACCOUNT, e.accountId().value()));
        } else if (event instanceof AccountClosedEvent e) {
            subjects.add(new Subject(Kind.ACCOUNT, e.accountId().value()));
        } else if (event instanceof AccountSuspendedEvent e) {
            subjects.add(new Subject(Kind.ACCOUNT, e.accountId().value()));
        } else if (event instanceof AccountResumedEvent e) {
            subjects.add(new Subject(Kind.ACCOUNT, e.accountId().value()));
        } else if (event instanceof ProviderRegisteredEvent e) {
            subjects.add(new Subject(Kind.PROVIDER, e.providerId().value()));
        } else if (event instanceof ProviderSuspendedEvent e) {
            subjects.add(new Subject(Kind.PROVIDER, e.providerId().value()));
        } else if (event instanceof ProviderReinstatedEvent e) {
            subjects.add(new Subject(Kind.PROVIDER, e.providerId().value()));
        } else if (event instanceof ProviderTerminatedEvent e) {
            subjects.add(new Subject(Kind.PROVIDER, e.providerId().value()));
        } else if (event instanceof TermsVersionPublishedEvent) {
            subjects.add(new Subject(Kind.SERVICE, SERVICE));
        } else if (event instanceof ServiceSuspensionDeclaredEvent e) {
            subjects.add(e.providerId() == null ? new Subject(Kind.SERVICE, SERVICE)
                    : new Subject(Kind.PROVIDER, e.providerId().value()));
            reference("suspension:" + e.suspensionId().value(), position);
        } else if (event instanceof ServiceSuspensionLiftedEvent e) {
            subjects.addAll(subjectsOfReference("suspension:" + e.suspensionId().value()));
        } else if (event instanceof BreachReportedEvent e) {
            e.affectedLinkageIds().forEach(id -> subjects.add(new Subject(Kind.LINKAGE, id.value())));
            e.affectedAccountIds().forEach(id -> subjects.add(new Subject(Kind.ACCOUNT, id.value())));
            e.affectedProviderIds().forEach(id -> subjects.add(new Subject(Kind.PROVIDER, id.value())));
            if (subjects.isEmpty()) {
                subjects.add(new Subject(Kind.SERVICE, SERVICE));
            }
            reference("breach:" + e.breachId().value(), position);
        } else if (event instanceof DisclosureRecordedEvent e) {
            subjects.addAll(subjectsOfReference("breach:" + e.breachId().value()));
            if (e.recipientProviderId() != null) {
                subjects.add(new Subject(Kind.PROVIDER, e.recipientProviderId().value()));
            }
        } else if (event instanceof BreachResolvedEvent e) {
            subjects.addAll(subjectsOfReference("breach:" + e.breachId().value()));
        }
        return subjects;
    }

    private void reference(String referenceId, long position) {
        jdbc.sql("INSERT INTO read_model.audit_reference (reference_id, global_index) VALUES (?, ?)")
                .params(referenceId, position).update();
    }

    private Set<Subject> subjectsOfReference(String referenceId) {
        return new LinkedHashSet<>(jdbc.sql("SELECT s.subject_kind, s.subject_id FROM read_model.audit_subject s"
                        + " JOIN read_model.audit_reference r ON r.global_index = s.global_index WHERE r.reference_id = ?")
                .param(referenceId)
                .query((rs, n) -> new Subject(Kind.valueOf(rs.getString(1)), rs.getString(2))).list());
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
