package jp.consentledger.query.audit.index;

import jp.consentledger.kernel.account.AccountClosedEvent;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.account.AccountResumedEvent;
import jp.consentledger.kernel.account.AccountSuspendedEvent;
import jp.consentledger.kernel.account.RegistrationLapsedEvent;
import jp.consentledger.kernel.account.RegistrationRenewedEvent;
import jp.consentledger.kernel.breach.BreachReportedEvent;
import jp.consentledger.kernel.breach.BreachResolvedEvent;
import jp.consentledger.kernel.breach.DisclosureRecordedEvent;
import jp.consentledger.serialization.EventStoreContract;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.linkage.LinkageAmendedEvent;
import jp.consentledger.kernel.linkage.LinkageExpiredEvent;
import jp.consentledger.kernel.linkage.LinkageGrantRefusedEvent;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.linkage.LinkageResumedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationRequestedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.linkage.LinkageSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderCredentialRotatedEvent;
import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderTerminatedEvent;
import jp.consentledger.kernel.service.ServiceSuspensionDeclaredEvent;
import jp.consentledger.kernel.service.ServiceSuspensionLiftedEvent;
import jp.consentledger.kernel.terms.TermsVersionPublishedEvent;
import jp.consentledger.query.role.FullNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.consentledger.kernel.time.LedgerTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The audit index: every event, with its exact stored JSON and its hash links, keyed by global position
 * and by the subjects it bears on (a linkage, an account, a provider, or the whole service). History and
 * "as of" read one subject's rows through the primary key, so their cost follows the subject's own
 * history, not the size of the store.
 */
@FullNode
@Component
@ProcessingGroup(AuditIndexProjection.PROCESSING_GROUP)
public class AuditIndexProjection {
    public static final String PROCESSING_GROUP = "audit-index";
    static final String SERVICE = "*";

    enum Kind { LINKAGE, ACCOUNT, PROVIDER, SERVICE }

    record Subject(Kind kind, String id) {
    }

    private final JdbcTemplate batch;
    private final JdbcClient jdbc;
    private final EventRows events;
    /** This instance's pending rows on a unit of work (a replay's rebuild runs another instance beside it). */
    private final String batchKey = AuditIndexProjection.class.getName() + ".batch@" + System.identityHashCode(this);

    public AuditIndexProjection(JdbcTemplate batch, EventRows events) {
        this.batch = batch;
        this.jdbc = JdbcClient.create(batch);
        this.events = events;
    }

    /** One event's row of the index, and what it bears on. */
    private record Indexed(long tokenPosition, EventMessage<?> message, Object payload, Instant occurredAt,
                           Set<Subject> subjects) {
    }

    /**
     * The rows of one processor batch, written together when its unit of work prepares to commit, in its
     * transaction: a failed batch leaves nothing behind and its token does not advance. References declared
     * in the batch are resolved from here, since their rows are not written yet.
     */
    private static final class Batch {
        final List<Indexed> events = new ArrayList<>();
        final List<LinkageGrantedEvent> linkages = new ArrayList<>();
        final Map<String, Indexed> references = new LinkedHashMap<>();
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message, TrackingToken token) {
        long position = token.position().orElseThrow();
        Instant occurredAt = payload instanceof LedgerEvent e ? e.occurredAt() : message.getTimestamp();
        // Outside a unit of work (a replay's rebuild hands events over one by one) the row is written at once.
        Batch pending = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root().getOrComputeResource(batchKey, key -> {
            Batch created = new Batch();
            CurrentUnitOfWork.get().root().onPrepareCommit(unitOfWork -> write(created));
            return created;
        }) : new Batch();
        Set<Subject> subjects = subjectsOf(payload, pending);
        Indexed indexed = new Indexed(position, message, payload, occurredAt, subjects);
        pending.events.add(indexed);
        if (payload instanceof LinkageGrantedEvent e) {
            pending.linkages.add(e);
        }
        String reference = referenceDeclaredBy(payload);
        if (reference != null) {
            pending.references.putIfAbsent(reference, indexed);
        }
        if (!CurrentUnitOfWork.isStarted()) {
            write(pending);
        }
    }

    private void write(Batch pending) {
        if (pending.events.isEmpty()) {
            return;
        }
        // The index copies the stored events: their exact JSON and their chain links, each at its own position.
        Map<String, EventRows.Row> rows = events.delivered(pending.events.stream()
                .map(event -> new EventRows.Delivered(event.tokenPosition(), event.message())).toList());
        Map<Indexed, Long> positions = new IdentityHashMap<>();
        for (Indexed event : pending.events) {
            EventRows.Row row = rows.get(event.message().getIdentifier());
            positions.put(event, row == null ? event.tokenPosition() : row.globalIndex());
        }
        insert("INSERT INTO read_model.audit_event (global_index, event_id, aggregate_id, sequence_number,"
                        + " payload_type, occurred_at, recorded_at, payload, previous_hash, chain_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", pending.events,
                (statement, event) -> {
                    EventMessage<?> message = event.message();
                    EventRows.Row row = rows.get(message.getIdentifier());
                    DomainEventMessage<?> domain = message instanceof DomainEventMessage<?> d ? d : null;
                    statement.setLong(1, positions.get(event));
                    statement.setString(2, message.getIdentifier());
                    statement.setString(3, domain == null ? message.getIdentifier() : domain.getAggregateIdentifier());
                    statement.setLong(4, domain == null ? 0 : domain.getSequenceNumber());
                    statement.setString(5, message.getPayloadType().getName());
                    statement.setObject(6, utc(event.occurredAt()));
                    statement.setObject(7, utc(message.getTimestamp()));
                    statement.setString(8, row != null ? new String(row.event().payload(), StandardCharsets.UTF_8)
                            : EventStoreContract.serializer().serialize(event.payload(), String.class).getData());
                    statement.setString(9, row == null ? null : row.previousHash());
                    statement.setString(10, row == null ? null : row.chainHash());
                });
        insert("INSERT INTO read_model.audit_linkage (linkage_id, account_id, provider_id, token_hash)"
                        + " VALUES (?, ?, ?, ?)", pending.linkages,
                (statement, e) -> {
                    statement.setString(1, e.linkageId().value());
                    statement.setString(2, e.accountId().value());
                    statement.setString(3, e.providerId().value());
                    statement.setString(4, e.tokenHash().value());
                });
        insert("INSERT INTO read_model.audit_reference (reference_id, global_index) VALUES (?, ?)",
                new ArrayList<>(pending.references.entrySet()), (statement, reference) -> {
                    statement.setString(1, reference.getKey());
                    statement.setLong(2, positions.get(reference.getValue()));
                });
        List<Map.Entry<Long, Subject>> subjects = new ArrayList<>();
        pending.events.forEach(event -> event.subjects().forEach(subject -> subjects.add(Map.entry(positions.get(event), subject))));
        insert("INSERT INTO read_model.audit_subject (subject_kind, subject_id, global_index) VALUES (?, ?, ?)",
                subjects, (statement, subject) -> {
                    statement.setString(1, subject.getValue().kind().name());
                    statement.setString(2, subject.getValue().id());
                    statement.setLong(3, subject.getKey());
                });
    }

    /** One JDBC batch: a statement prepared once for all the rows. */
    private <T> void insert(String sql, List<T> rows, ParameterizedPreparedStatementSetter<T> setter) {
        if (!rows.isEmpty()) {
            batch.batchUpdate(sql, rows, rows.size(), setter);
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
    private Set<Subject> subjectsOf(Object event, Batch pending) {
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
        } else if (event instanceof ProviderCredentialRotatedEvent e) {
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
        } else if (event instanceof ServiceSuspensionLiftedEvent e) {
            subjects.addAll(subjectsOfReference("suspension:" + e.suspensionId().value(), pending));
        } else if (event instanceof BreachReportedEvent e) {
            e.affectedLinkageIds().forEach(id -> subjects.add(new Subject(Kind.LINKAGE, id.value())));
            e.affectedAccountIds().forEach(id -> subjects.add(new Subject(Kind.ACCOUNT, id.value())));
            e.affectedProviderIds().forEach(id -> subjects.add(new Subject(Kind.PROVIDER, id.value())));
            if (subjects.isEmpty()) {
                subjects.add(new Subject(Kind.SERVICE, SERVICE));
            }
        } else if (event instanceof DisclosureRecordedEvent e) {
            subjects.addAll(subjectsOfReference("breach:" + e.breachId().value(), pending));
            if (e.recipientProviderId() != null) {
                subjects.add(new Subject(Kind.PROVIDER, e.recipientProviderId().value()));
            }
        } else if (event instanceof BreachResolvedEvent e) {
            subjects.addAll(subjectsOfReference("breach:" + e.breachId().value(), pending));
        }
        return subjects;
    }

    /** Breaches and service suspensions: the events that follow name only this reference. */
    private static String referenceDeclaredBy(Object event) {
        if (event instanceof ServiceSuspensionDeclaredEvent e) {
            return "suspension:" + e.suspensionId().value();
        }
        if (event instanceof BreachReportedEvent e) {
            return "breach:" + e.breachId().value();
        }
        return null;
    }

    private Set<Subject> subjectsOfReference(String referenceId, Batch pending) {
        Indexed inBatch = pending.references.get(referenceId);
        if (inBatch != null) {
            return new LinkedHashSet<>(inBatch.subjects());
        }
        return new LinkedHashSet<>(jdbc.sql("SELECT s.subject_kind, s.subject_id FROM read_model.audit_subject s"
                        + " JOIN read_model.audit_reference r ON r.global_index = s.global_index WHERE r.reference_id = ?")
                .param(referenceId)
                .query((rs, n) -> new Subject(Kind.valueOf(rs.getString(1)), rs.getString(2))).list());
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return LedgerTime.storable(instant); // any instant an event may hold, never a DateTimeException
    }
}
