package jp.consentledger.query.tokencheck;

import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.validity.ConsentFacts;
import jp.consentledger.validity.TokenVerdict;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live token validity, held in memory on every query node and fed by that node's own processor
 * (its tokens are in memory too) from the latest snapshot a full node saved, or from the start of the
 * event stream when there is none (see tokensnapshot), so any number of nodes answer alike. The hot path is a hash-map lookup
 * and the validity rule; the expiry of a token is decided at the instant of the check, so it never
 * waits for an expiry event.
 */
@Component
@ProcessingGroup(TokenValidityModel.PROCESSING_GROUP)
public class TokenValidityModel {
    public static final String PROCESSING_GROUP = "token-validity";

    private final ConsentFacts facts = new ConsentFacts();
    private final EventProcessingConfiguration processing;
    private final TokenCheckMetrics metrics;
    private final Clock clock;
    private volatile long position = -1;
    /** The token of the last event applied: its gaps say which lower positions are still unread. */
    private volatile TrackingToken lastToken;
    private volatile boolean caughtUp;
    /** Readers waiting for a position ({@link #awaitPosition}); the applying thread wakes them only when there are some. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final Object positionReached = new Object();

    public TokenValidityModel(EventProcessingConfiguration processing, TokenCheckMetrics metrics, Clock clock) {
        this.processing = processing;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Held while an event is applied, so a snapshot copies the facts and the token of one moment. */
    private final Object applying = new Object();

    /** The facts and the token they reflect, of one moment (between two events). */
    public record Captured(ConsentFacts.Snapshot facts, TrackingToken token, long position) {
    }

    @EventHandler
    void on(Object event, TrackingToken token, @Timestamp Instant recordedAt) {
        synchronized (applying) {
            facts.apply(event);
            position = token.position().orElse(position);
            lastToken = token;
        }
        if (waiting.get() > 0) {
            synchronized (positionReached) {
                positionReached.notifyAll();
            }
        }
        // Only live revocations measure enforcement: during the start-up replay the lag is the events' age.
        if ((event instanceof LinkageRevocationConfirmedEvent || event instanceof LinkageRevokedAtBankEvent) && isCaughtUp()) {
            metrics.revocationEnforced(Duration.between(recordedAt, clock.instant()));
        }
    }

    /** Null until the model has read an event (nothing worth keeping). */
    public Captured capture() {
        synchronized (applying) {
            return lastToken == null ? null : new Captured(facts.export(), lastToken, position);
        }
    }

    /** Before the processor starts: the model as captured, from which the processor then reads on. */
    public void restore(Captured captured) {
        synchronized (applying) {
            facts.restore(captured.facts());
            position = captured.position();
            lastToken = captured.token();
        }
    }

    @ResetHandler
    void reset() {
        facts.clear();
        position = -1;
        lastToken = null;
    }

    public TokenVerdict check(TokenHash tokenHash, Scope scope, Instant at) {
        return facts.check(tokenHash, scope, at);
    }

    public int linkageCount() {
        return facts.linkageCount();
    }

    /** The global position of the last event this model reflects. */
    public long position() {
        return position;
    }

    /**
     * Whether the model reflects the event at global position {@code wanted}: it has read that far, and
     * that position is not one of the gaps it passed over (an event committed late, read when it appears).
     */
    public boolean hasRead(long wanted) {
        TrackingToken token = lastToken;
        if (token == null || position < wanted) {
            return false;
        }
        return !(token instanceof GapAwareTrackingToken gapAware) || !gapAware.getGaps().contains(wanted);
    }

    /** Waits at most {@code patience} until {@link #hasRead} {@code wanted}; answers whether it has. */
    public boolean awaitPosition(long wanted, Duration patience) {
        if (hasRead(wanted)) {
            return true;
        }
        long deadline = System.nanoTime() + patience.toNanos();
        waiting.incrementAndGet();
        try {
            synchronized (positionReached) {
                while (!hasRead(wanted)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(positionReached, left);
                }
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return hasRead(wanted);
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** The service suspension windows this model knows (for telling "unavailable until" apart). */
    public List<ConsentFacts.SuspensionWindow> windows() {
        return facts.windows();
    }

    /** Whether the model has read the whole stream once; until then an unknown token might merely be unread. */
    public boolean isCaughtUp() {
        if (!caughtUp) {
            caughtUp = processing.eventProcessor(PROCESSING_GROUP, StreamingEventProcessor.class)
                    .map(p -> p.isRunning() && !p.processingStatus().isEmpty()
                            && p.processingStatus().values().stream().allMatch(s -> s.isCaughtUp() && !s.isErrorState()))
                    .orElse(false);
        }
        return caughtUp;
    }
}
