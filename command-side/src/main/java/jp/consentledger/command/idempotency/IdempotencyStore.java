package jp.consentledger.command.idempotency;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The durable record of idempotency keys, in the command side's database. A key is claimed by
 * inserting it (the primary key decides between concurrent first requests), then completed with
 * its sealed answer, or released when the request decided nothing.
 */
@Component
class IdempotencyStore {
    sealed interface Claim {
    }

    record Claimed() implements Claim {
    }

    record Reused() implements Claim {
    }

    record InFlight() implements Claim {
    }

    record Completed(int status, String contentType, byte[] sealedAnswer) implements Claim {
    }

    private record Row(String requestHash, String state, Integer status, String contentType, byte[] answer,
                       OffsetDateTime createdAt) {
    }

    private final JdbcClient jdbc;

    IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Claim claim(String keyHash, String requestHash, Instant now, Duration inFlightTimeout) {
        try {
            jdbc.sql("INSERT INTO cmd_idempotency_key (key_hash, request_hash, state, created_at) VALUES (?, ?, 'IN_FLIGHT', ?)")
                    .params(keyHash, requestHash, utc(now)).update();
            return new Claimed();
        } catch (DuplicateKeyException taken) {
            Optional<Row> row = find(keyHash);
            if (row.isEmpty()) {
                return claim(keyHash, requestHash, now, inFlightTimeout); // released meanwhile
            }
            Row first = row.get();
            if (!first.requestHash().equals(requestHash)) {
                return new Reused();
            }
            if ("COMPLETED".equals(first.state())) {
                return new Completed(first.status(), first.contentType(), first.answer());
            }
            // A first request whose node died never completes: after the timeout the key may be retried.
            if (first.createdAt().toInstant().plus(inFlightTimeout).isBefore(now)
                    && jdbc.sql("UPDATE cmd_idempotency_key SET created_at = ? WHERE key_hash = ? AND state = 'IN_FLIGHT'"
                            + " AND created_at = ?").params(utc(now), keyHash, first.createdAt()).update() == 1) {
                return new Claimed();
            }
            return new InFlight();
        }
    }

    void complete(String keyHash, int status, String contentType, byte[] sealedAnswer, Instant now) {
        jdbc.sql("UPDATE cmd_idempotency_key SET state = 'COMPLETED', status = ?, content_type = ?, answer = ?,"
                        + " completed_at = ? WHERE key_hash = ?")
                .params(status, contentType, sealedAnswer, utc(now), keyHash).update();
    }

    void release(String keyHash) {
        jdbc.sql("DELETE FROM cmd_idempotency_key WHERE key_hash = ?").param(keyHash).update();
    }

    int purgeCreatedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM cmd_idempotency_key WHERE created_at < ?").param(utc(cutoff)).update();
    }

    private Optional<Row> find(String keyHash) {
        return jdbc.sql("SELECT request_hash, state, status, content_type, answer, created_at FROM cmd_idempotency_key"
                        + " WHERE key_hash = ?").param(keyHash)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                        rs.getBytes(5), rs.getObject(6, OffsetDateTime.class)))
                .optional();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
