package jp.consentledger.system.embedded;

import jp.consentledger.query.linkage.LinkageDirectoryProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The linkage directory's pooled processor keeps its own time on the wall clock, never on the ledger's clock. Here the
 * ledger's clock stands still (as the tests' {@link MutableClock} does between steps; in this JVM it is also
 * Axon's event clock). A segment of the linkage directory given up (an aborted batch releases its segment
 * the same way) is blocked from a new claim for a while, measured on the processor's clock: on the ledger's,
 * it never came back, and CI found the directory stuck "catching up" for 90 s after a burst of writes.
 */
class ProcessingOnWallTimeTest {

    @Test
    void aReleasedSegmentOfTheLinkageDirectoryIsClaimedAgainWhileTheLedgersClockStandsStill() throws Exception {
        LedgerDriver ledger = new LedgerDriver();
        try {
            ledger.linkage(ledger.linked().linkageId(), linkage -> true);
            PooledStreamingEventProcessor directory = ledger.ledger().querySide().getBean(EventProcessingConfiguration.class)
                    .eventProcessor(LinkageDirectoryProjection.PROCESSING_GROUP, PooledStreamingEventProcessor.class).orElseThrow();
            await().atMost(Duration.ofSeconds(30)).until(() -> directory.processingStatus().size() == 4);

            directory.processingStatus().keySet().forEach(directory::releaseSegment);
            String granted = ledger.linked().linkageId();

            // Axon blocks a released segment for twice its claim interval (2 x 5 s) before claiming it again.
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() ->
                    ledger.http().get(ledger.qry("/api/v1/linkages/" + granted)).status() == 200);
            assertThat(directory.processingStatus()).hasSize(4);
        } finally {
            ledger.close();
        }
    }
}
