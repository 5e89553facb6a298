package jp.consentledger.query.tokencheck;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jp.consentledger.validity.ValidityReason;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The token check's own metrics: {@code ledger.token.checks} by reason (counters made once, so the
 * hot path only increments), and {@code ledger.revocation.enforcement.lag}, the time from a
 * revocation's recording to the moment this node's token-validity model applied it.
 */
@Component
public class TokenCheckMetrics {
    private final Map<ValidityReason, Counter> checks = new EnumMap<>(ValidityReason.class);
    private final Timer enforcementLag;

    public TokenCheckMetrics(MeterRegistry registry) {
        for (ValidityReason reason : ValidityReason.values()) {
            checks.put(reason, Counter.builder("ledger.token.checks").description("Token checks answered, by reason")
                    .tag("reason", reason.name()).register(registry));
        }
        enforcementLag = Timer.builder("ledger.revocation.enforcement.lag")
                .description("From a revocation event's timestamp to its application by the token-validity model")
                .publishPercentileHistogram().register(registry);
    }

    public void checked(ValidityReason reason) {
        checks.get(reason).increment();
    }

    void revocationEnforced(Duration lag) {
        enforcementLag.record(lag.isNegative() ? Duration.ZERO : lag);
    }
}
