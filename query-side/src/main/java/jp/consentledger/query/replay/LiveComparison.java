package jp.consentledger.query.replay;

import jp.consentledger.validity.ConsentFacts;
import jp.consentledger.query.role.FullNode;
import jp.consentledger.query.tokencheck.TokenValidityModel;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A rebuild set against the live models: the JDBC ones at the rebuild's target ({@link ReadModelComparison}), the
 * in-memory token-validity model at its own position ({@link TokenValidityComparison}). On several nodes other
 * nodes' segments of a live model may still be catching up, so a difference is looked at again for a little
 * while before it is called a difference.
 */
@FullNode
@Component
class LiveComparison {
    private static final int COMPARE_ATTEMPTS = 20;

    private final DataSource live;
    private final TokenValidityModel tokenValidity;
    private final EventProcessingConfiguration processing;
    private final Clock clock;

    LiveComparison(DataSource live, TokenValidityModel tokenValidity, EventProcessingConfiguration processing, Clock clock) {
        this.live = live;
        this.tokenValidity = tokenValidity;
        this.processing = processing;
        this.clock = clock;
    }

    /** Every difference between the live models and the rebuild, once the live ones have read up to the target. */
    List<ReadModelComparison.Difference> differences(DataSource rebuilt, long target, Rebuild rebuild,
                                                     BlockingStream<TrackedEventMessage<?>> stream)
            throws InterruptedException, SQLException {
        awaitLiveAt(target);
        List<ReadModelComparison.Difference> differences = ReadModelComparison.atTarget(live, rebuilt, target);
        for (int attempt = 0; attempt < COMPARE_ATTEMPTS && !differences.isEmpty(); attempt++) {
            Thread.sleep(250);
            differences = ReadModelComparison.atTarget(live, rebuilt, target);
        }
        List<ReadModelComparison.Difference> found = new ArrayList<>(differences);
        compareTokenValidity(rebuild.facts(), rebuild.afterTarget(), stream).ifPresent(found::add);
        return found;
    }

    /** Waits (bounded) until every live processor and the live token-validity model have read up to {@code position}. */
    private void awaitLiveAt(long position) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            boolean processorsThere = processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                    .allMatch(p -> !p.processingStatus().isEmpty() && p.processingStatus().values().stream()
                            .allMatch(s -> s.getCurrentPosition().orElse(-1) >= position));
            if (processorsThere && tokenValidity.position() >= position) {
                return;
            }
            Thread.sleep(50);
        }
    }

    /**
     * The live token-validity model keeps no positions per linkage: the rebuilt fold is carried on from the
     * target to the live model's position, then compared; again a few times while the live model moves on.
     */
    private Optional<ReadModelComparison.Difference> compareTokenValidity(
            ConsentFacts rebuilt, Deque<TrackedEventMessage<?>> afterTarget, BlockingStream<TrackedEventMessage<?>> stream)
            throws InterruptedException {
        Optional<ReadModelComparison.Difference> difference = Optional.empty();
        for (int attempt = 0; attempt <= COMPARE_ATTEMPTS; attempt++) {
            long livePosition = tokenValidity.position();
            while (stream.hasNextAvailable()) {
                afterTarget.add(stream.nextAvailable());
            }
            while (!afterTarget.isEmpty() && afterTarget.peek().trackingToken().position().orElse(-1) <= livePosition) {
                rebuilt.apply(afterTarget.poll().getPayload());
            }
            difference = TokenValidityComparison.difference(rebuilt, tokenValidity, clock.instant());
            if (difference.isEmpty()) {
                return difference;
            }
            Thread.sleep(250);
        }
        return difference;
    }
}
