package jp.consentledger.command.infrastructure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Validity periods (API.md: registration 365 days, linkage/token 90 days by default) and the
 * token-hashing secret shared with the query side. Periods are recorded in the events they apply to.
 */
@ConfigurationProperties("ledger")
@Validated
public record LedgerProperties(Duration registrationValidity, Duration linkageValidity, Token token) {
    public LedgerProperties {
        registrationValidity = registrationValidity == null ? Duration.ofDays(365) : registrationValidity;
        linkageValidity = linkageValidity == null ? Duration.ofDays(90) : linkageValidity;
        if (registrationValidity.isNegative() || registrationValidity.isZero()
                || linkageValidity.isNegative() || linkageValidity.isZero()) {
            throw new IllegalArgumentException("ledger.registration-validity and ledger.linkage-validity must be positive");
        }
    }

    public record Token(String hmacSecret) {
    }
}
