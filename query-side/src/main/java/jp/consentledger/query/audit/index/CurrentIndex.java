package jp.consentledger.query.audit.index;

import jp.consentledger.query.infrastructure.ReadModelLag;
import jp.consentledger.query.role.FullNode;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * History, "as of" and evidence read the audit index: while it catches up they would omit events, unless the
 * question is only about what had been recorded by {@code knownBy} (null: everything) and the index has it.
 */
@FullNode
@Component
public class CurrentIndex {
    private final ReadModelLag lag;

    public CurrentIndex(ReadModelLag lag) {
        this.lag = lag;
    }

    /** A 503 problem while the index has not read what the question needs. */
    public void require(Instant knownBy) {
        lag.requireCurrent(AuditIndexProjection.PROCESSING_GROUP, "audit index", knownBy);
    }
}
