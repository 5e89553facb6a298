package jp.consentledger.system.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.consentledger.system.replay.BusyLedgerReplay;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.util.ArrayList;
import java.util.List;

/**
 * Issue 14 item 4 on PostgreSQL (the postgres profile, each side its own JVM): see {@link BusyLedgerReplay}.
 * Linkages last one second and deadlines are looked for every 0.2 s, so expiries are recorded while the
 * replay runs.
 */
class BusyLedgerReplayPostgresTest {

    @Test
    void aReplayOfABusyLedgerIsEqualAtItsTargetWhileDeadlinesFireAndACorruptedRowIsNamed() throws Exception {
        List<LedgerNode> nodes = new ArrayList<>();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            LedgerNode command = LedgerNode.command("busy-command", jdbcUrl,
                    "--ledger.linkage-validity=PT1S", "--ledger.deadlines.polling-interval=PT0.2S");
            nodes.add(command);
            command.awaitReady();
            LedgerNode query = LedgerNode.query("busy-query", jdbcUrl);
            nodes.add(query);
            query.awaitReady();
            new BusyLedgerReplay("http://localhost:" + command.port, "http://localhost:" + query.port,
                    new SimpleDriverDataSource(new org.postgresql.Driver(), jdbcUrl, "postgres", "postgres"))
                    .replaysEqualWhileBusyAndNamesACorruptedRow();
        } finally {
            nodes.forEach(LedgerNode::kill);
        }
    }
}
