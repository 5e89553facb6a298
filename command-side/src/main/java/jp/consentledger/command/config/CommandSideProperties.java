package jp.consentledger.command.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Base64;

/**
 * Every {@code ledger.*} setting the command side itself reads, validated when it starts (the web
 * module's own settings, {@code ledger.security.*}, {@code ledger.http.*} and {@code ledger.display-offset},
 * are bound there). Periods are recorded in the events they apply to, so changing one affects only
 * what is decided after the change.
 *
 * @param dataDir where the embedded default keeps its H2 database (the datasource URL names it)
 * @param registrationValidity how long a registration (利用登録) lasts from its registration or renewal (API.md: 365 days)
 * @param linkageValidity how long a linkage and its token last from the grant (API.md: 90 days)
 * @param token the keyed hashing of tokens, shared with the query side
 * @param idempotency how first answers to an Idempotency-Key are kept
 * @param deadlines the durable deadlines that record expiries and lapses at their time
 * @param commands how commands that lost a race with another node are retried
 * @param console the console the landing page at / links to
 */
@ConfigurationProperties("ledger")
@Validated
public record CommandSideProperties(@DefaultValue("./data") String dataDir,
                                    @DefaultValue("P365D") Duration registrationValidity,
                                    @DefaultValue("P90D") Duration linkageValidity,
                                    @Valid @DefaultValue Token token,
                                    @Valid @DefaultValue Idempotency idempotency,
                                    @Valid @DefaultValue Deadlines deadlines,
                                    @Valid @DefaultValue Commands commands,
                                    @Valid @DefaultValue Console console) {
    public CommandSideProperties {
        requirePositive(registrationValidity, "ledger.registration-validity and ledger.linkage-validity must be positive");
        requirePositive(linkageValidity, "ledger.registration-validity and ledger.linkage-validity must be positive");
    }

    /**
     * @param hmacSecret the HMAC key tokens are hashed with (at least 32 bytes; the query side must use the same)
     */
    public record Token(@NotBlank(message = "ledger.token.hmac-secret must be set (at least 32 bytes)") String hmacSecret) {
        @Override
        public String toString() {
            return "Token[hmacSecret=(hidden)]";
        }
    }

    /**
     * @param encryptionKey the AES-256 key (Base64, 32 bytes) that stored first answers are sealed with (a grant's answer holds its token)
     * @param retention how long first answers are kept (API.md: at least 7 days)
     * @param inFlightTimeout when an unfinished first request counts as abandoned, so the key may be used again
     * @param purgeInterval how often keys past the retention are dropped
     */
    public record Idempotency(String encryptionKey, @DefaultValue("P7D") Duration retention,
                              @DefaultValue("PT1M") Duration inFlightTimeout,
                              @DefaultValue("PT1H") Duration purgeInterval) {
        private static final Duration MINIMUM_RETENTION = Duration.ofDays(7);

        public Idempotency {
            if (retention.compareTo(MINIMUM_RETENTION) < 0) {
                throw new IllegalArgumentException("ledger.idempotency.retention must be at least 7 days");
            }
            if (encryptionKey == null || decode(encryptionKey).length != 32) {
                throw new IllegalArgumentException("ledger.idempotency.encryption-key must be 32 bytes in Base64");
            }
            requirePositive(purgeInterval, "ledger.idempotency.purge-interval must be positive");
        }

        /** The key's bytes. */
        public byte[] key() {
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
            return "Idempotency[retention=" + retention + ", inFlightTimeout=" + inFlightTimeout
                    + ", purgeInterval=" + purgeInterval + "]";
        }
    }

    /**
     * @param pollingInterval how often the deadline scheduler looks for deadlines that fell due
     */
    public record Deadlines(@DefaultValue("PT10S") Duration pollingInterval) {
        public Deadlines {
            requirePositive(pollingInterval, "ledger.deadlines.polling-interval must be positive");
        }
    }

    /**
     * @param lostRaceRetries how often a command that lost a race with another node is dispatched again before the caller gets 409
     */
    public record Commands(@DefaultValue("3") @PositiveOrZero int lostRaceRetries) {
    }

    /**
     * @param url the console (on a full query node) that the landing page at / links to
     */
    public record Console(@DefaultValue("http://localhost:8081/console") String url) {
    }

    private static void requirePositive(Duration duration, String message) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(message);
        }
    }
}
