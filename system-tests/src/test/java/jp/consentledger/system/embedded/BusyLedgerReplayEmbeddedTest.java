package jp.consentledger.system.embedded;

import jp.consentledger.system.replay.BusyLedgerReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Issue 14 item 4 on the embedded default (both sides on one H2 file): see {@link BusyLedgerReplay}. A ledger of
 * its own, whose linkages last one second and whose deadlines are looked for every 0.2 s, so expiries are
 * recorded while the replay runs. Its clock stands still; deadlines follow the wall clock (db-scheduler).
 */
class BusyLedgerReplayEmbeddedTest {

    @Test
    void aReplayOfABusyLedgerIsEqualAtItsTargetWhileDeadlinesFireAndACorruptedRowIsNamed(@TempDir Path dataDir) throws Exception {
        try (EmbeddedLedger ledger = new EmbeddedLedger(dataDir, new MutableClock(Instant.now()),
                "--ledger.linkage-validity=PT1S", "--ledger.deadlines.polling-interval=PT0.2S")) {
            new BusyLedgerReplay(ledger.commandUrl(), ledger.queryUrl(),
                    new DriverManagerDataSource(ledger.jdbcUrl(), "sa", "")).replaysEqualWhileBusyAndNamesACorruptedRow();
        }
    }
}
