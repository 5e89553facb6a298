package jp.consentledger.query.tokencheck;

import jp.consentledger.kernel.common.Scope;
import jp.consentledger.kernel.common.TokenHash;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.validity.ConsentFacts;
import jp.consentledger.kernel.validity.TokenVerdict;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Live token validity, held in memory on every query node and fed by that node's own processor
 * from the start of the event stream (its tokens are in memory too), so a node that restarts
 * rebuilds it by replay and any number of nodes answer alike. The hot path is a hash-map lookup
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
    private volatile boolean caughtUp;

    public TokenValidityModel(EventProcessingConfiguration processing, TokenCheckMetrics metrics, Clock clock) {
        this.processing = processing;
        this.metrics = metrics;
        this.clock = clock;
    }

    @EventHandler
    void on(Object event, TrackingToken token, @Timestamp Instant recordedAt) {
        facts.apply(event);
        position = token.position().orElse(position);
        // Only live revocations measure enforcement: during the start-up replay the lag is the events' age.
        if ((event instanceof LinkageRevocationConfirmedEvent || event instanceof LinkageRevokedAtBankEvent) && isCaughtUp()) {
            metrics.revocationEnforced(Duration.between(recordedAt, clock.instant()));
        }
    }

    @ResetHandler
    void reset() {
        facts.clear();
        position = -1;
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
