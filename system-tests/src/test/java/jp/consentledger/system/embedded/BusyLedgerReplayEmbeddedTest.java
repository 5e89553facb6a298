package jp.consentledger.system.embedded;

import jp.consentledger.system.replay.BusyLedgerReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Issue 14 item 4 on the embedded default (both sides on one H2 file): see {@link BusyLedgerReplay}. A ledger of
 * its own, whose linkages last one second and whose deadlines are looked for every 0.2 s, so expiries are
 * recorded while the replay runs. Deadlines fall due on the ledger's clock, so here that clock follows the
 * wall clock.
 */
class BusyLedgerReplayEmbeddedTest {

    @Test
    void aReplayOfABusyLedgerIsEqualAtItsTargetWhileDeadlinesFireAndACorruptedRowIsNamed(@TempDir Path dataDir) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        ScheduledExecutorService ticking = Executors.newSingleThreadScheduledExecutor();
        ticking.scheduleAtFixedRate(() -> clock.set(Instant.now()), 50, 50, TimeUnit.MILLISECONDS);
        try (EmbeddedLedger ledger = new EmbeddedLedger(dataDir, clock,
                "--ledger.linkage-validity=PT1S", "--ledger.deadlines.polling-interval=PT0.2S")) {
            new BusyLedgerReplay(ledger.commandUrl(), ledger.queryUrl(),
                    new DriverManagerDataSource(ledger.jdbcUrl(), "sa", "")).replaysEqualWhileBusyAndNamesACorruptedRow();
        } finally {
            ticking.shutdownNow();
        }
    }
}
