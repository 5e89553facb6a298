package jp.consentledger.system.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The idempotency store's hashes, computed independently, to plant a first request's claim. */
final class IdempotencyHashes {
    private IdempotencyHashes() {
    }

    static String keyHash(String principal, String key) {
        return sha256(principal, key);
    }

    static String requestHash(String method, String path, String principal, String body) {
        return sha256(method, path, principal, body);
    }

    private static String sha256(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
