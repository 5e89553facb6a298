package jp.consentledger.query.replay;

import jp.consentledger.validity.ConsentFacts;
import jp.consentledger.query.position.EventPositions;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * One replay's reading of the event stream up to its target: each event at or before it is handed, at its own
 * position, to every rebuilt projection and folded into fresh token-validity facts; the events read past the
 * target are kept for the token-validity comparison, which carries the fold on to the live model's position.
 */
final class Rebuild {
    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);
    private static final int COMMIT_EVERY = 500;
    /** How long the rebuild waits for a position at or before its target that no committed event holds yet. */
    static final Duration GAP_WAIT = Duration.ofSeconds(5);

    /** Told every few hundred events how far the rebuild is. */
    interface Progress {
        void at(long position, long processed);
    }

    private final String replayId;
    private final long target;
    private final EventPositions positions;
    private final Collection<AnnotationEventHandlerAdapter> projections;
    private final Connection connection;
    private final Progress progress;
    private final ConsentFacts facts = new ConsentFacts();
    private final Deque<TrackedEventMessage<?>> afterTarget = new ArrayDeque<>();
    private long processed;
    private long position = -1;

    Rebuild(String replayId, long target, EventPositions positions, Collection<AnnotationEventHandlerAdapter> projections,
            Connection connection, Progress progress) {
        this.replayId = replayId;
        this.target = target;
        this.positions = positions;
        this.projections = projections;
        this.connection = connection;
        this.progress = progress;
    }

    /**
     * Reads until every event at or before the target has been read (an event committed late fills its gap; a
     * gap still open after {@link #GAP_WAIT} is taken for a rolled-back transaction), committing as it goes.
     */
    void readUpToTarget(BlockingStream<TrackedEventMessage<?>> stream) throws Exception {
        TrackingToken read = null;
        long furthest = -1;
        long gapWaitEnds = 0;
        while (true) {
            if (!stream.hasNextAvailable()) {
                if (reached(read, target)) {
                    break;
                }
                gapWaitEnds = gapWaitEnds != 0 ? gapWaitEnds : System.nanoTime() + GAP_WAIT.toNanos();
                if (furthest >= target && System.nanoTime() - gapWaitEnds > 0) {
                    log.warn("Replay {}: positions up to {} still unfilled after {}; taken for rolled back", replayId, target, GAP_WAIT);
                    break;
                }
                stream.hasNextAvailable(100, TimeUnit.MILLISECONDS);
                continue;
            }
            TrackedEventMessage<?> message = stream.nextAvailable();
            read = message.trackingToken();
            long tokenPosition = read.position().orElse(-1);
            // A token past the furthest so far is the event's own position; otherwise the event filled a gap.
            long own = tokenPosition > furthest ? tokenPosition : positions.of(message, read);
            furthest = Math.max(furthest, tokenPosition);
            if (own > target) {
                afterTarget.add(message);
                continue;
            }
            TrackedEventMessage<?> atOwnPosition = atPosition(message, own);
            for (AnnotationEventHandlerAdapter projection : projections) {
                if (projection.canHandle(atOwnPosition)) {
                    projection.handle(atOwnPosition);
                }
            }
            facts.apply(message.getPayload());
            processed++;
            position = Math.max(position, own);
            if (processed % COMMIT_EVERY == 0) {
                connection.commit();
                progress.at(position, processed);
            }
        }
        connection.commit();
        progress.at(position, processed);
    }

    /** Whether the stream has delivered every event at or before {@code target}: no gap left there. */
    private static boolean reached(TrackingToken read, long target) {
        if (read == null) {
            return target < 0;
        }
        return WrappedToken.unwrap(read, GapAwareTrackingToken.class)
                .map(token -> token.getIndex() >= target && token.getGaps().headSet(target + 1).isEmpty())
                .orElse(read.position().orElse(-1) >= target);
    }

    /** The event with a token at its own position, which is what the projections record. */
    private static TrackedEventMessage<?> atPosition(TrackedEventMessage<?> message, long position) {
        TrackingToken token = new GlobalSequenceTrackingToken(position);
        return message instanceof DomainEventMessage<?> domain
                ? new GenericTrackedDomainEventMessage<>(token, domain)
                : new GenericTrackedEventMessage<>(token, message);
    }

    ConsentFacts facts() {
        return facts;
    }

    Deque<TrackedEventMessage<?>> afterTarget() {
        return afterTarget;
    }

    long position() {
        return position;
    }

    long processed() {
        return processed;
    }
}
