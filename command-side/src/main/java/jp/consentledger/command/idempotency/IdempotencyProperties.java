package jp.consentledger.command.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Base64;

/**
 * How long first answers are kept (at least 7 days, API.md), when an unfinished first request
 * counts as abandoned, and the AES-256 key (Base64, 32 bytes) that stored answers are sealed with.
 */
@ConfigurationProperties("ledger.idempotency")
public record IdempotencyProperties(String encryptionKey, Duration retention, Duration inFlightTimeout) {
    private static final Duration MINIMUM_RETENTION = Duration.ofDays(7);

    public IdempotencyProperties {
        retention = retention == null ? MINIMUM_RETENTION : retention;
        inFlightTimeout = inFlightTimeout == null ? Duration.ofMinutes(1) : inFlightTimeout;
        if (retention.compareTo(MINIMUM_RETENTION) < 0) {
            throw new IllegalArgumentException("ledger.idempotency.retention must be at least 7 days");
        }
        if (encryptionKey == null || decode(encryptionKey).length != 32) {
            throw new IllegalArgumentException("ledger.idempotency.encryption-key must be 32 bytes in Base64");
        }
    }

    byte[] key() {
        return decode(encryptionKey);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    @Override
    public String toString() {
        return "IdempotencyProperties[retention=" + retention + ", inFlightTimeout=" + inFlightTimeout + "]";
    }
}
