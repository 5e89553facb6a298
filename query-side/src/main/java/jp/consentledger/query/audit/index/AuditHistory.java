package jp.consentledger.query.audit.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.json.LedgerJson;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.provider.LegacyProviderRegistration;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.query.infrastructure.NotFoundException;
import jp.consentledger.query.role.FullNode;
import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
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

    /** A granted linkage as the index keeps it: whose it is, with whom, and the hash of its token. */
    public record LinkageRef(LinkageId linkageId, AccountId accountId, ProviderId providerId, TokenHash tokenHash) {
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
    private static String shown(String payloadType, String storedJson) {
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

    /**
     * An event read from the store itself (the signed log's evidence) as the history shows it: its occurredAt is the
     * one it records, its recordedAt the store's timestamp, its JSON without secret material.
     */
    public static Entry entryOf(EventRows.Row row, Object payload) {
        Instant recordedAt = DateTimeUtils.parseInstant(row.event().timeStamp());
        String payloadType = row.event().payloadType();
        return new Entry(row.globalIndex(), row.event().eventIdentifier(),
                payloadType.substring(payloadType.lastIndexOf('.') + 1), payloadType, row.event().aggregateIdentifier(),
                row.event().sequenceNumber(), payload instanceof LedgerEvent e ? e.occurredAt() : recordedAt, recordedAt,
                shown(payloadType, new String(row.event().payload(), StandardCharsets.UTF_8)),
                row.chainHash(), row.previousHash());
    }

    private static final RowMapper<LinkageRef> LINKAGE = (rs, n) -> new LinkageRef(new LinkageId(rs.getString("linkage_id")),
            new AccountId(rs.getString("account_id")), new ProviderId(rs.getString("provider_id")),
            TokenHash.of(rs.getString("token_hash")));

    public Optional<LinkageRef> linkage(LinkageId linkageId) {
        return jdbc.sql("SELECT * FROM read_model.audit_linkage WHERE linkage_id = ?").param(linkageId.value()).query(LINKAGE).optional();
    }

    public Optional<LinkageRef> linkageByToken(TokenHash tokenHash) {
        return jdbc.sql("SELECT * FROM read_model.audit_linkage WHERE token_hash = ?").param(tokenHash.value()).query(LINKAGE).optional();
    }

    /** The linkage's own events, its account's, its provider's and the service-wide ones. */
    public List<Entry> ofLinkage(LinkageId linkageId) {
        LinkageRef linkage = linkage(linkageId).orElseThrow(() -> new NotFoundException("LINKAGE_NOT_FOUND",
                "No linkage '" + linkageId.value() + "' in the audit index."));
        return entries(List.of(linkageId.value()), linkage.accountId().value(), List.of(linkage.providerId().value()));
    }

    /** The account's own events, its linkages', their providers' and the service-wide ones. */
    public List<Entry> ofAccount(AccountId accountId) {
        List<LinkageRef> linkages = jdbc.sql("SELECT * FROM read_model.audit_linkage WHERE account_id = ? ORDER BY linkage_id")
                .param(accountId.value()).query(LINKAGE).list();
        boolean known = !linkages.isEmpty() || jdbc.sql("SELECT COUNT(*) FROM read_model.audit_subject"
                + " WHERE subject_kind = 'ACCOUNT' AND subject_id = ?").param(accountId.value()).query(Long.class).single() > 0;
        if (!known) {
            throw new NotFoundException("ACCOUNT_NOT_FOUND", "No account '" + accountId.value() + "' in the audit index.");
        }
        return entries(linkages.stream().map(l -> l.linkageId().value()).toList(), accountId.value(),
                linkages.stream().map(l -> l.providerId().value()).distinct().toList());
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
