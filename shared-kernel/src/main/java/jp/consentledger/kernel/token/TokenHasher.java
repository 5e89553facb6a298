package jp.consentledger.kernel.token;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * HMAC-SHA-256 of a token under the bank's configured secret. Both sides use it: the command side
 * to record a grant, the query side to look a presented token up. Without the key, a leaked event
 * store or read model cannot be turned back into usable tokens by guessing.
 */
public final class TokenHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;
    // Mac is not thread-safe; one per thread keeps the hot path free of locks and allocation.
    private final ThreadLocal<Mac> macs;

    public TokenHasher(byte[] secret) {
        if (secret == null || secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the token hashing secret must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public TokenHash hash(String token) {
        Mac mac = macs.get();
        return new TokenHash(HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.US_ASCII))));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
