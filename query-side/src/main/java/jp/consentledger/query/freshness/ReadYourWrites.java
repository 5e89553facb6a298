package jp.consentledger.query.freshness;

import jp.consentledger.query.QuerySideProperties;
import jp.consentledger.query.infrastructure.NotReadyException;
import jp.consentledger.query.tokencheck.TokenValidityModel;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Read your own writes: a caller that passes the position a command answered ({@code Ledger-Position})
 * as {@code minPosition} gets a verdict from a model that has read that event, or none. The check waits
 * a bounded while ({@code ledger.token-check.min-position-wait}, 1 s) for this node's model to get
 * there, then answers 503 LEDGER_CATCHING_UP: a stale verdict would contradict the command just answered.
 */
@Component
public class ReadYourWrites {
    private final TokenValidityModel model;
    private final Duration patience;

    ReadYourWrites(TokenValidityModel model, QuerySideProperties properties) {
        this.model = model;
        this.patience = properties.tokenCheck().minPositionWait();
    }

    /** Returns once the model has read {@code minPosition} (null: no wish); throws NotReadyException if it cannot in time. */
    public void awaitOrRefuse(Long minPosition) {
        if (minPosition == null) {
            return;
        }
        if (minPosition < 0) {
            throw new IllegalArgumentException("minPosition must be an event position (0 or more), as a command's Ledger-Position header gives it");
        }
        if (!model.awaitPosition(minPosition, patience)) {
            throw new NotReadyException("This node's token-validity model has read up to position " + model.position()
                    + ", not yet position " + minPosition + " (within " + patience.toMillis() + " ms); retry in a moment.");
        }
    }
}
