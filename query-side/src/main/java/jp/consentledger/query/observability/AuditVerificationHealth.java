package jp.consentledger.query.observability;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of a full query node fails while the last verification of the event chain on this node found
 * a break: its history, evidence and checkpoints would vouch for a tampered store. Not part of the
 * token-check group (see application.yml): the gateway's checks read live validity, not the chain. On a
 * gateway node, which keeps no Merkle log, it is always up.
 */
@Component("auditVerification")
public class AuditVerificationHealth implements HealthIndicator {
    private final ObjectProvider<AuditVerificationStatus> status;

    public AuditVerificationHealth(ObjectProvider<AuditVerificationStatus> status) {
        this.status = status;
    }

    @Override
    public Health health() {
        AuditVerificationStatus last = status.getIfAvailable();
        if (last == null) {
            return Health.up().withDetail("verification", "not kept on this node").build();
        }
        if (last.foundBroken()) {
            return Health.down().withDetail("verification", "the last verification found the event chain broken").build();
        }
        return Health.up().withDetail("verification", last.hasRun() ? "intact" : "not yet run on this node").build();
    }
}
