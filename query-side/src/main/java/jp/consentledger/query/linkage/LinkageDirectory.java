package jp.consentledger.query.linkage;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.kernel.json.LedgerJson;
import jp.consentledger.query.role.FullNode;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static jp.consentledger.query.linkage.LinkageDirectoryProjection.utc;

/** Reads of the linkage directory. Status is decided at the instant asked, so expiry never waits for an event. */
@FullNode
@Component
public class LinkageDirectory {
    private static final ObjectMapper JSON = LedgerJson.objectMapper();
    private static final String SELECT = "SELECT l.*, a.status AS account_status, p.status AS provider_status"
            + " FROM read_model.rm_linkage l"
            + " LEFT JOIN read_model.rm_account a ON a.account_id = l.account_id"
            + " LEFT JOIN read_model.rm_provider p ON p.provider_id = l.provider_id";

    /** What a linkage's status means in SQL at instant ? (bound twice where it appears twice). */
    private static final String STATUS_CONDITION = """
            CASE WHEN l.status = 'REVOKED' THEN 'REVOKED'
                 WHEN l.expires_at <= ? THEN 'EXPIRED'
                 WHEN l.status = 'REVOCATION_REQUESTED' THEN 'REVOCATION_REQUESTED'
                 WHEN l.suspended THEN 'SUSPENDED'
                 ELSE 'ACTIVE' END""";

    public enum Status { ACTIVE, SUSPENDED, REVOCATION_REQUESTED, REVOKED, EXPIRED }

    public record LinkageRow(String linkageId, String accountId, String providerId, Status status, boolean suspended,
                             List<String> scopes, List<String> chainedRecipients, String termsVersion,
                             Instant grantedAt, Instant expiresAt, Instant revocationRequestedAt,
                             Instant revocationRecordedAt, Instant revokedAt, String accountStatus,
                             String providerStatus, long eventPosition) {
    }

    public record Page(List<LinkageRow> items, int page, int size, long total) {
    }

    private final JdbcClient jdbc;

    public LinkageDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<LinkageRow> linkage(LinkageId linkageId, Instant now) {
        return jdbc.sql(SELECT + " WHERE l.linkage_id = ?").param(linkageId.value()).query(mapper(now)).optional();
    }

    public Page byProvider(ProviderId providerId, Status status, int page, int size, Instant now) {
        String where = " WHERE l.provider_id = ?" + (status == null ? "" : " AND " + STATUS_CONDITION + " = ?");
        var count = jdbc.sql("SELECT COUNT(*) FROM read_model.rm_linkage l" + where).param(providerId.value());
        var select = jdbc.sql(SELECT + where + " ORDER BY l.granted_at, l.linkage_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .param(providerId.value());
        if (status != null) {
            count = count.param(utc(now)).param(status.name());
            select = select.param(utc(now)).param(status.name());
        }
        long total = count.query(Long.class).single();
        List<LinkageRow> items = select.param((long) page * size).param(size).query(mapper(now)).list();
        return new Page(items, page, size, total);
    }

    public List<LinkageRow> byAccount(AccountId accountId, Instant now) {
        return jdbc.sql(SELECT + " WHERE l.account_id = ? ORDER BY l.granted_at, l.linkage_id")
                .param(accountId.value()).query(mapper(now)).list();
    }

    public boolean providerExists(ProviderId providerId) {
        return jdbc.sql("SELECT COUNT(*) FROM read_model.rm_provider WHERE provider_id = ?")
                .param(providerId.value()).query(Long.class).single() > 0;
    }

    public boolean accountExists(AccountId accountId) {
        return jdbc.sql("SELECT COUNT(*) FROM read_model.rm_account WHERE account_id = ?")
                .param(accountId.value()).query(Long.class).single() > 0;
    }

    private static RowMapper<LinkageRow> mapper(Instant now) {
        return (rs, n) -> {
            Instant expiresAt = instant(rs, "expires_at");
            String lifecycle = rs.getString("status");
            boolean suspended = rs.getBoolean("suspended");
            Status status = "REVOKED".equals(lifecycle) ? Status.REVOKED
                    : !now.isBefore(expiresAt) ? Status.EXPIRED
                    : "REVOCATION_REQUESTED".equals(lifecycle) ? Status.REVOCATION_REQUESTED
                    : suspended ? Status.SUSPENDED : Status.ACTIVE;
            return new LinkageRow(rs.getString("linkage_id"), rs.getString("account_id"), rs.getString("provider_id"),
                    status, suspended, Arrays.asList(rs.getString("scopes").split(",")),
                    recipients(rs.getString("chained_recipients")), rs.getString("terms_version"),
                    instant(rs, "granted_at"), expiresAt, instant(rs, "revocation_requested_at"),
                    instant(rs, "revocation_recorded_at"), instant(rs, "revoked_at"), rs.getString("account_status"),
                    rs.getString("provider_status"), rs.getLong("last_event_position"));
        };
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> recipients(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rm_linkage.chained_recipients holds JSON written by the projection", e);
        }
    }
}
