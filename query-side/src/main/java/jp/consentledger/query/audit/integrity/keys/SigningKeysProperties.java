package jp.consentledger.query.audit.integrity.keys;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Instant;
import java.util.List;

/**
 * {@code ledger.audit.signing}: the current checkpoint key pair (since {@code validFrom}, optional), and the public
 * halves of retired keys with the period each signed in, so checkpoints signed before a rotation stay verifiable.
 */
@ConfigurationProperties("ledger.audit.signing")
public record SigningKeysProperties(String privateKey, String publicKey, Instant validFrom, List<RetiredKey> retiredKeys) {
    public SigningKeysProperties {
        retiredKeys = retiredKeys == null ? List.of() : List.copyOf(retiredKeys);
    }

    /** A key no longer used to sign: its X.509 public key (base64) and the period it signed in, [from, until). */
    public record RetiredKey(String publicKey, Instant validFrom, Instant validUntil) {
    }
}
