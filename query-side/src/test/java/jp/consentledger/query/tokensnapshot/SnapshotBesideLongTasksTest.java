package jp.consentledger.query.tokensnapshot;

import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.query.audit.TestLedger;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.awaitility.Awaitility.await;

/**
 * A full node's scheduled work must not queue behind one long task. The Merkle log's first checkpoint over
 * a store of millions of events runs for minutes in one call; on Spring's default single scheduling thread
 * the token-validity snapshot then never ran (a bench run at 1 M tokens waited 10 minutes for one). Here a
 * task that holds its thread for the whole test stands in for that checkpoint: the snapshot must still be
 * saved.
 */
@SpringBootTest(properties = {"ledger.token-validity.snapshot-interval=PT0.2S", "ledger.audit.checkpoint-interval=PT1H"})
class SnapshotBesideLongTasksTest {
    private static final Instant GRANTED = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1));
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void storeWithAConsent(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("ledger-snapshot-beside");
        String url = "jdbc:h2:file:" + dir + "/ledger;WRITE_DELAY=0";
        TestLedger.createEventStore(url);
        TestLedger ledger = new TestLedger(new DataSourceConnectionProvider(new DriverManagerDataSource(url, "sa", "")),
                NoTransactionManager.INSTANCE);
        Instant before = GRANTED.minus(Duration.ofMinutes(10));
        ledger.provider("prov-beside", before);
        ledger.terms("beside-v1", before, before);
        ledger.account("acc-beside", "beside-v1", before, Duration.ofDays(365));
        ledger.grant("lnk-beside", "acc-beside", "prov-beside", Set.of(Scope.BALANCE), "beside-v1", GRANTED, Duration.ofDays(90));
        registry.add("ledger.data-dir", dir::toString);
        registry.add("ledger.token.hmac-secret", () -> TestLedger.HMAC_SECRET);
    }

    @AfterEach
    void release() {
        RELEASE.countDown();
    }

    @Test
    void theSnapshotIsSavedWhileAnotherScheduledTaskHoldsItsThread() {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM read_model.qry_token_validity_snapshot WHERE linkages = 1").query(Long.class).single() == 1);
    }

    /** Starts at once and keeps its scheduling thread until the test ends, as a long catch-up would. */
    @TestConfiguration
    static class LongTask implements SchedulingConfigurer {
        @Override
        public void configureTasks(ScheduledTaskRegistrar registrar) {
            registrar.addFixedDelayTask(new FixedDelayTask(LongTask::hold, Duration.ofHours(1), Duration.ZERO));
        }

        private static void hold() {
            try {
                RELEASE.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
