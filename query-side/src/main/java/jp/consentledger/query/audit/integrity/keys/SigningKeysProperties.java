package jp.consentledger.query.audit.integrity.keys;

import java.time.Instant;
import java.util.List;

/**
 * {@code ledger.audit.signing} (bound as part of QuerySideProperties): the current checkpoint key pair (since
 * {@code validFrom}, optional), and the public halves of retired keys with the period each signed in, so
 * checkpoints signed before a rotation stay verifiable.
 *
 * @param privateKey the current signing key, PKCS#8, base64 (env LEDGER_AUDIT_SIGNING_PRIVATE_KEY)
 * @param publicKey the current key's public half, X.509 SubjectPublicKeyInfo, base64 (env LEDGER_AUDIT_SIGNING_PUBLIC_KEY)
 * @param validFrom when the current key started signing (after a rotation)
 * @param retiredKeys the public halves of earlier keys, each with the period it signed in
 */
public record SigningKeysProperties(String privateKey, String publicKey, Instant validFrom, List<RetiredKey> retiredKeys) {
    public SigningKeysProperties {
        retiredKeys = retiredKeys == null ? List.of() : List.copyOf(retiredKeys);
    }

    /**
     * A key no longer used to sign: its X.509 public key (base64) and the period it signed in, [from, until).
     *
     * @param publicKey the retired key's public half, X.509, base64
     * @param validFrom when it started signing
     * @param validUntil when it stopped signing
     */
    public record RetiredKey(String publicKey, Instant validFrom, Instant validUntil) {
    }
}
