package jp.consentledger.query.console;

import jp.consentledger.query.role.FullNode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/** How current a console page is (R6, T5): the last event the audit index holds, and when the page was made. */
@FullNode
@Component
public class Freshness {
    private final JdbcClient jdbc;
    private final Clock clock;

    public Freshness(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Reading(long position, Instant at) {
    }

    public Reading now() {
        Instant at = clock.instant();
        long position = jdbc.sql("SELECT COALESCE(MAX(global_index), -1) FROM read_model.audit_event")
                .query(Long.class).single();
        return new Reading(position, at);
    }
}
