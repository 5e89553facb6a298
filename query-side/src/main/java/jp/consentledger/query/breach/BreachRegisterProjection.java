package jp.consentledger.query.breach;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.kernel.breach.BreachReportedEvent;
import jp.consentledger.kernel.breach.BreachResolvedEvent;
import jp.consentledger.kernel.breach.DisclosureRecordedEvent;
import jp.consentledger.kernel.json.LedgerJson;
import jp.consentledger.kernel.linkage.LinkageResumedEvent;
import jp.consentledger.kernel.linkage.LinkageSuspendedEvent;
import jp.consentledger.query.audit.index.AuditIndexProjection;
import jp.consentledger.query.position.EventPositions;
import jp.consentledger.query.role.FullNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

/**
 * The breach register: every breach as reported, the linkage suspensions it caused (and whether they were
 * lifted), the disclosures made about it, and its resolution. Breaches are rare, so each event is written
 * as it is handled. Every row names the global position of the last event that changed it, and a breach
 * row the last event about it in any of the three tables (what its answer's {@code asOf} names).
 * <p>
 * Its handlers run in the audit index's processor ({@link BreachRegisterReading}), not one of their own: they
 * touch a handful of events in millions, and a processor of their own read and skipped every other one (about
 * a seventh of the query side's CPU in a rebuild's profile, run 20261204-194339).
 */
@FullNode
@Component
@ProcessingGroup(BreachRegisterProjection.PROCESSING_GROUP)
public class BreachRegisterProjection {
    public static final String PROCESSING_GROUP = "breach-register";
    /** The processor that reads the events for it, and whose position says how current it is. */
    public static final String PROCESSOR = AuditIndexProjection.PROCESSING_GROUP;
    private static final ObjectMapper JSON = LedgerJson.objectMapper();

    private final JdbcClient jdbc;
    private final EventPositions positions;

    public BreachRegisterProjection(JdbcClient jdbc, EventPositions positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    @EventHandler
    void on(BreachReportedEvent e, EventMessage<?> message, TrackingToken token) {
        long position = positions.of(message, token);
        jdbc.sql("INSERT INTO read_model.rm_breach (breach_id, kind, description, detected_at, reported_at, reported_by,"
                        + " affected_provider_ids, affected_account_ids, affected_linkage_ids, suspend_affected_linkages,"
                        + " reported_position, last_event_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.breachId().value(), e.kind().name(), e.description(), utc(e.detectedAt()), utc(e.reportedAt()),
                        e.reportedBy(), sortedJson(e.affectedProviderIds()), sortedJson(e.affectedAccountIds()),
                        sortedJson(e.affectedLinkageIds()), e.suspendAffectedLinkages(), position, position)
                .update();
    }

    @EventHandler
    void on(DisclosureRecordedEvent e, EventMessage<?> message, TrackingToken token) {
        long position = positions.of(message, token);
        jdbc.sql("INSERT INTO read_model.rm_breach_disclosure (breach_id, disclosure_id, recipient_provider_id,"
                        + " recipient_chained_recipient, information_items, basis_clause, disclosed_at, last_event_position)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.breachId().value(), e.disclosureId(),
                        e.recipientProviderId() == null ? null : e.recipientProviderId().value(),
                        e.recipientChainedRecipient() == null ? null : e.recipientChainedRecipient().value(),
                        json(e.informationItems()), e.basisClause(), utc(e.disclosedAt()), position)
                .update();
        touch(e.breachId().value(), position);
    }

    @EventHandler
    void on(BreachResolvedEvent e, EventMessage<?> message, TrackingToken token) {
        long position = positions.of(message, token);
        jdbc.sql("UPDATE read_model.rm_breach SET resolved_at = ?, resolution_summary = ? WHERE breach_id = ?")
                .params(utc(e.resolvedAt()), e.summary(), e.breachId().value()).update();
        touch(e.breachId().value(), position);
    }

    /** Only suspensions that name a breach are the breach's; an operator's own suspensions are not. */
    @EventHandler
    void on(LinkageSuspendedEvent e, EventMessage<?> message, TrackingToken token) {
        if (e.breachId() == null) {
            return;
        }
        long position = positions.of(message, token);
        jdbc.sql("INSERT INTO read_model.rm_breach_suspension (breach_id, linkage_id, suspended_position, account_id,"
                        + " provider_id, reason, suspended_at, last_event_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.breachId().value(), e.linkageId().value(), position, e.accountId().value(),
                        e.providerId().value(), e.reason(), utc(e.suspendedAt()), position)
                .update();
        touch(e.breachId().value(), position);
    }

    /** Lifting a linkage's suspension ends the breach suspension of it still in force, if any. */
    @EventHandler
    void on(LinkageResumedEvent e, EventMessage<?> message, TrackingToken token) {
        String linkageId = e.linkageId().value();
        boolean suspendedByBreach = jdbc.sql("SELECT COUNT(*) FROM read_model.rm_breach_suspension"
                + " WHERE linkage_id = ? AND resumed_at IS NULL").param(linkageId).query(Long.class).single() > 0;
        if (!suspendedByBreach) {
            return;
        }
        long position = positions.of(message, token);
        jdbc.sql("UPDATE read_model.rm_breach SET last_event_position = GREATEST(last_event_position, ?)"
                        + " WHERE breach_id IN (SELECT breach_id FROM read_model.rm_breach_suspension"
                        + " WHERE linkage_id = ? AND resumed_at IS NULL)")
                .params(position, linkageId).update();
        jdbc.sql("UPDATE read_model.rm_breach_suspension SET resumed_at = ?, last_event_position = ?"
                        + " WHERE linkage_id = ? AND resumed_at IS NULL")
                .params(utc(e.resumedAt()), position, linkageId).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM read_model.rm_breach_disclosure").update();
        jdbc.sql("DELETE FROM read_model.rm_breach_suspension").update();
        jdbc.sql("DELETE FROM read_model.rm_breach").update();
    }

    /** Events about a breach arrive from several aggregates, not always in position order: keep the furthest. */
    private void touch(String breachId, long position) {
        jdbc.sql("UPDATE read_model.rm_breach SET last_event_position = GREATEST(last_event_position, ?) WHERE breach_id = ?")
                .params(position, breachId).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A set of ids (their JSON form) in a stable order, so the same event always gives the same row (a replay compares them). */
    private static String sortedJson(Collection<?> ids) {
        return json(ids.stream().map(id -> JSON.convertValue(id, String.class)).sorted().toList());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ids and texts always serialize", e);
        }
    }
}
