package jp.consentledger.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.kernel.json.LedgerJson;
import jp.consentledger.kernel.provider.LegacyProviderRegistration;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.query.infrastructure.NotFoundException;
import jp.consentledger.query.role.FullNode;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of the audit index: the events that bear on a linkage or an account, oldest first. */
@FullNode
@Component
public class AuditHistory {
    private static final ObjectMapper JSON = LedgerJson.objectMapper();

    private final JdbcClient jdbc;

    public AuditHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One event as the history shows it; {@code payloadJson} is the exact stored JSON, except that a
     * registration recorded with a provider's secret hash shows as its current revision, without it
     * ({@link LegacyProviderRegistration}): no answer shows secret material.
     */
    public record Entry(long position, String eventId, String type, String payloadType, String aggregateId,
                        long sequenceNumber, Instant occurredAt, Instant recordedAt, String payloadJson,
                        String hash, String previousHash) {
        public JsonNode payload() {
            try {
                return JSON.readTree(payloadJson);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("audit_event.payload holds the stored JSON of an event", e);
            }
        }
    }

    public record LinkageRef(String linkageId, String accountId, String providerId, String tokenHash) {
    }

    private static final RowMapper<Entry> ENTRY = (rs, n) -> {
        String payloadType = rs.getString("payload_type");
        return new Entry(rs.getLong("global_index"), rs.getString("event_id"),
                payloadType.substring(payloadType.lastIndexOf('.') + 1), payloadType, rs.getString("aggregate_id"),
                rs.getLong("sequence_number"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), shown(payloadType, rs.getString("payload")),
                rs.getString("chain_hash"), rs.getString("previous_hash"));
    };

    /** The stored JSON as answers show it: a registration recorded with its secret's hash, without the hash. */
    static String shown(String payloadType, String storedJson) {
        if (!payloadType.equals(ProviderRegisteredEvent.class.getName())) {
            return storedJson;
        }
        try {
            JsonNode stored = JSON.readTree(storedJson);
            return LegacyProviderRegistration.holdsSecret(payloadType, stored)
                    ? JSON.writeValueAsString(LegacyProviderRegistration.redact(payloadType, stored)) : storedJson;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit_event.payload holds the stored JSON of an event", e);
        }
    }

    private static final RowMapper<LinkageRef> LINKAGE = (rs, n) -> new LinkageRef(rs.getString("linkage_id"),
            rs.getString("account_id"), rs.getString("provider_id"), rs.getString("token_hash"));

    public Optional<LinkageRef> linkage(String linkageId) {
        return jdbc.sql("SELECT * FROM read_model.audit_linkage WHERE linkage_id = ?").param(linkageId).query(LINKAGE).optional();
    }

    public Optional<LinkageRef> linkageByToken(String tokenHash) {
        return jdbc.sql("SELECT * FROM read_model.audit_linkage WHERE token_hash = ?").param(tokenHash).query(LINKAGE).optional();
    }

    /** The linkage's own events, its account's, its provider's and the service-wide ones. */
    public List<Entry> ofLinkage(String linkageId) {
        LinkageRef linkage = linkage(linkageId).orElseThrow(() -> new NotFoundException("LINKAGE_NOT_FOUND",
                "No linkage '" + linkageId + "' in the audit index."));
        return entries(List.of(linkageId), linkage.accountId(), List.of(linkage.providerId()));
    }

    /** The account's own events, its linkages', their providers' and the service-wide ones. */
    public List<Entry> ofAccount(String accountId) {
        List<LinkageRef> linkages = jdbc.sql("SELECT * FROM read_model.audit_linkage WHERE account_id = ? ORDER BY linkage_id")
                .param(accountId).query(LINKAGE).list();
        boolean known = !linkages.isEmpty() || jdbc.sql("SELECT COUNT(*) FROM read_model.audit_subject"
                + " WHERE subject_kind = 'ACCOUNT' AND subject_id = ?").param(accountId).query(Long.class).single() > 0;
        if (!known) {
            throw new NotFoundException("ACCOUNT_NOT_FOUND", "No account '" + accountId + "' in the audit index.");
        }
        return entries(linkages.stream().map(LinkageRef::linkageId).toList(), accountId,
                linkages.stream().map(LinkageRef::providerId).distinct().toList());
    }

    /**
     * One primary-key range per subject, joined by UNION: an OR across subjects made the database
     * scan the whole subject index, so the cost grew with the store instead of with the subject's history.
     */
    private List<Entry> entries(List<String> linkageIds, String accountId, List<String> providerIds) {
        StringBuilder subjects = new StringBuilder(
                "SELECT global_index FROM read_model.audit_subject WHERE subject_kind = 'ACCOUNT' AND subject_id = ?"
                        + " UNION SELECT global_index FROM read_model.audit_subject WHERE subject_kind = 'SERVICE' AND subject_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(accountId);
        params.add(AuditIndexProjection.SERVICE);
        for (String linkageId : linkageIds) {
            subjects.append(" UNION SELECT global_index FROM read_model.audit_subject WHERE subject_kind = 'LINKAGE' AND subject_id = ?");
            params.add(linkageId);
        }
        for (String providerId : providerIds) {
            subjects.append(" UNION SELECT global_index FROM read_model.audit_subject WHERE subject_kind = 'PROVIDER' AND subject_id = ?");
            params.add(providerId);
        }
        return jdbc.sql("SELECT e.* FROM read_model.audit_event e JOIN (" + subjects + ") s ON s.global_index = e.global_index"
                        + " ORDER BY e.global_index")
                .params(params).query(ENTRY).list();
    }

}
