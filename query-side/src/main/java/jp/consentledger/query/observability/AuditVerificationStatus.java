package jp.consentledger.query.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jp.consentledger.query.role.FullNode;
import org.springframework.stereotype.Component;

/**
 * {@code ledger.audit.verification.verified}: 1 when the last recomputation of the event chain
 * found it intact, 0 when it found a break, NaN until one has run on this node. The audit's
 * verification reports its outcome here.
 */
@FullNode
@Component
public class AuditVerificationStatus {
    private volatile double verified = Double.NaN;

    public AuditVerificationStatus(MeterRegistry registry) {
        Gauge.builder("ledger.audit.verification.verified", this, status -> status.verified)
                .description("1 if the last verification found the event chain intact, 0 if broken, NaN if not yet run")
                .strongReference(true).register(registry);
    }

    public void verified(boolean intact) {
        verified = intact ? 1 : 0;
    }

    /** True when the last verification on this node found a break. */
    public boolean foundBroken() {
        return verified == 0;
    }

    /** True once a verification has run on this node. */
    public boolean hasRun() {
        return !Double.isNaN(verified);
    }
}
