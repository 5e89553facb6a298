package jp.consentledger.query.breach;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.kernel.breach.BreachKind;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.json.LedgerJson;
import jp.consentledger.query.role.FullNode;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Reads of the breach register (R4.6-4.8, T3.6-3.7), for the breach API and the staff console: one breach
 * with everything recorded about it, or a page of breaches, newest report first. Each answer names the
 * global position of the last event it reflects.
 */
@FullNode
@Component
public class BreachRegister {
    private static final ObjectMapper JSON = LedgerJson.objectMapper();
    private static final String SUMMARY = "SELECT b.*,"
            + " (SELECT COUNT(*) FROM read_model.rm_breach_suspension s WHERE s.breach_id = b.breach_id) AS suspension_count,"
            + " (SELECT COUNT(*) FROM read_model.rm_breach_disclosure d WHERE d.breach_id = b.breach_id) AS disclosure_count"
            + " FROM read_model.rm_breach b";

    public enum Status { OPEN, RESOLVED }

    /** A linkage suspension the breach caused; {@code resumedAt} once it was lifted. */
    public record Suspension(String linkageId, String accountId, String providerId, String reason,
                             Instant suspendedAt, Instant resumedAt, long eventPosition) {
    }

    /** Customer information given out about the breach: what, to whom (a provider or a chained recipient), on which clause. */
    public record Disclosure(String disclosureId, String recipientProviderId, String recipientChainedRecipient,
                             List<String> informationItems, String basisClause, Instant disclosedAt, long eventPosition) {
    }

    public record Resolution(String summary, Instant resolvedAt) {
    }

    /** One breach with everything recorded about it; {@code resolution} is null while it is open. */
    public record Breach(String breachId, BreachKind kind, Status status, String description, Instant detectedAt,
                         Instant reportedAt, String reportedBy, List<String> affectedProviderIds,
                         List<String> affectedAccountIds, List<String> affectedLinkageIds,
                         boolean suspendAffectedLinkages, List<Suspension> suspensions, List<Disclosure> disclosures,
                         Resolution resolution, long eventPosition) {
    }

    /** A breach in a list: its facts without the affected parties and records, which its own answer lists. */
    public record BreachSummary(String breachId, BreachKind kind, Status status, String description, Instant detectedAt,
                                Instant reportedAt, String reportedBy, int affectedProviderCount,
                                int affectedAccountCount, int affectedLinkageCount, long suspensionCount,
                                long disclosureCount, Instant resolvedAt, long eventPosition) {
    }

    public record Page(List<BreachSummary> items, int page, int size, long total) {
    }

    private final JdbcClient jdbc;

    public BreachRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Breach> find(BreachId breachId) {
        String id = breachId.value();
        return jdbc.sql("SELECT * FROM read_model.rm_breach WHERE breach_id = ?").param(id)
                .query((rs, n) -> new Breach(id, BreachKind.valueOf(rs.getString("kind")), status(rs),
                        rs.getString("description"), instant(rs, "detected_at"), instant(rs, "reported_at"),
                        rs.getString("reported_by"), strings(rs.getString("affected_provider_ids")),
                        strings(rs.getString("affected_account_ids")), strings(rs.getString("affected_linkage_ids")),
                        rs.getBoolean("suspend_affected_linkages"), suspensions(id), disclosures(id),
                        rs.getObject("resolved_at") == null ? null
                                : new Resolution(rs.getString("resolution_summary"), instant(rs, "resolved_at")),
                        rs.getLong("last_event_position")))
                .optional();
    }

    /** Newest report first; {@code status} null for every breach. */
    public Page list(Status status, int page, int size) {
        String where = status == null ? "" : status == Status.OPEN ? " WHERE resolved_at IS NULL" : " WHERE resolved_at IS NOT NULL";
        long total = jdbc.sql("SELECT COUNT(*) FROM read_model.rm_breach" + where).query(Long.class).single();
        List<BreachSummary> items = jdbc.sql(SUMMARY + where.replace("resolved_at", "b.resolved_at")
                        + " ORDER BY b.reported_at DESC, b.breach_id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .params((long) page * size, size).query(SUMMARY_MAPPER).list();
        return new Page(items, page, size, total);
    }

    private static final RowMapper<BreachSummary> SUMMARY_MAPPER = (rs, n) -> new BreachSummary(
            rs.getString("breach_id"), BreachKind.valueOf(rs.getString("kind")), status(rs), rs.getString("description"),
            instant(rs, "detected_at"), instant(rs, "reported_at"), rs.getString("reported_by"),
            strings(rs.getString("affected_provider_ids")).size(), strings(rs.getString("affected_account_ids")).size(),
            strings(rs.getString("affected_linkage_ids")).size(), rs.getLong("suspension_count"),
            rs.getLong("disclosure_count"), instant(rs, "resolved_at"), rs.getLong("last_event_position"));

    private List<Suspension> suspensions(String breachId) {
        return jdbc.sql("SELECT * FROM read_model.rm_breach_suspension WHERE breach_id = ? ORDER BY suspended_position")
                .param(breachId)
                .query((rs, n) -> new Suspension(rs.getString("linkage_id"), rs.getString("account_id"),
                        rs.getString("provider_id"), rs.getString("reason"), instant(rs, "suspended_at"),
                        instant(rs, "resumed_at"), rs.getLong("last_event_position")))
                .list();
    }

    private List<Disclosure> disclosures(String breachId) {
        return jdbc.sql("SELECT * FROM read_model.rm_breach_disclosure WHERE breach_id = ?"
                        + " ORDER BY disclosed_at, last_event_position")
                .param(breachId)
                .query((rs, n) -> new Disclosure(rs.getString("disclosure_id"), rs.getString("recipient_provider_id"),
                        rs.getString("recipient_chained_recipient"), strings(rs.getString("information_items")),
                        rs.getString("basis_clause"), instant(rs, "disclosed_at"), rs.getLong("last_event_position")))
                .list();
    }

    private static Status status(ResultSet rs) throws SQLException {
        return rs.getObject("resolved_at") == null ? Status.OPEN : Status.RESOLVED;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> strings(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the breach register holds JSON lists written by its projection", e);
        }
    }
}
