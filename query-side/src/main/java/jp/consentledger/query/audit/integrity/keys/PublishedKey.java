package jp.consentledger.query.audit.integrity.keys;

import java.time.Instant;

/** A checkpoint key as published: its id, algorithm, X.509 public key (base64) and the period it signs in. */
public record PublishedKey(String keyId, String algorithm, String publicKey, Instant validFrom, Instant validUntil,
                           boolean current) {
}
