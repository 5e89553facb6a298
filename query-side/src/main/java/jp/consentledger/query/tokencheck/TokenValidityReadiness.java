package jp.consentledger.query.tokencheck;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Ready only once the token-validity model has read the whole event stream (part of the readiness group). */
@Component("tokenValidity")
public class TokenValidityReadiness implements HealthIndicator {
    private final TokenValidityModel model;

    public TokenValidityReadiness(TokenValidityModel model) {
        this.model = model;
    }

    @Override
    public Health health() {
        Health.Builder builder = model.isCaughtUp() ? Health.up() : Health.outOfService();
        return builder.withDetail("eventPosition", model.position()).build();
    }
}
