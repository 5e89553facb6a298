package jp.consentledger.query.audit.integrity;

import jp.consentledger.kernel.audit.EventChain;
import jp.consentledger.query.QuerySideProperties;
import jp.consentledger.query.role.FullNode;
import jp.consentledger.query.audit.integrity.keys.PublishedKey;
import jp.consentledger.query.audit.integrity.keys.SigningKeysProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Base64;

/**
 * Signs checkpoints with the ledger's Ed25519 key (the JDK's own provider), and checks them under the key they
 * name: the current one or a retired one ({@code ledger.audit.signing.retired-keys}), so a rotation leaves old
 * checkpoints verifiable. Keys come from configuration: the private key as PKCS#8, public keys as X.509
 * SubjectPublicKeyInfo, all base64. A key id is derived from its public key, so it cannot disagree with it.
 */
@FullNode
@Component
public class CheckpointSigner {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final Map<String, PublicKey> verifyingKeys = new LinkedHashMap<>();
    private final List<PublishedKey> published = new ArrayList<>();

    public CheckpointSigner(String privateKeyBase64, String publicKeyBase64) {
        this(new SigningKeysProperties(privateKeyBase64, publicKeyBase64, null, List.of()));
    }

    @Autowired
    public CheckpointSigner(QuerySideProperties properties) {
        this(properties.audit().signing());
    }

    public CheckpointSigner(SigningKeysProperties keys) {
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            this.privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(keys.privateKey().trim())));
            this.publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(keys.publicKey().trim())));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("ledger.audit.signing.private-key / public-key are not a base64 Ed25519 key pair", e);
        }
        this.keyId = keyIdOf(publicKey.getEncoded());
        byte[] probe = "consent-ledger/key-check".getBytes(StandardCharsets.US_ASCII);
        if (!verify(keyId, probe, sign(probe))) {
            throw new IllegalStateException("ledger.audit.signing.public-key does not belong to the private key");
        }
        for (SigningKeysProperties.RetiredKey retired : keys.retiredKeys()) {
            PublicKey key = publicKeyOf(retired.publicKey());
            verifyingKeys.put(keyIdOf(key.getEncoded()), key);
            published.add(new PublishedKey(keyIdOf(key.getEncoded()), "Ed25519", base64(key), retired.validFrom(),
                    retired.validUntil(), false));
        }
        published.add(new PublishedKey(keyId, "Ed25519", base64(publicKey), keys.validFrom(), null, true));
    }

    private PublicKey publicKeyOf(String base64) {
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("ledger.audit.signing.retired-keys: '" + base64 + "' is not a base64 Ed25519 public key", e);
        }
    }

    /** "ed25519:" and the first 16 hex digits of SHA-256 over the public key's X.509 encoding. */
    public static String keyIdOf(byte[] publicKeyX509) {
        return "ed25519:" + MerkleLog.hex(Arrays.copyOf(EventChain.sha256(publicKeyX509), 8));
    }

    /**
     * The signed statement of a checkpoint (v2), one field per line (LF): "consent-ledger/checkpoint/v2", tree
     * size, root hash (hex), last global index, subject root (hex), signed-at (ISO-8601 UTC), key id.
     */
    public static byte[] statement(long treeSize, String rootHash, long lastGlobalIndex, String subjectRoot, String signedAt,
                            String keyId) {
        return String.join("\n", "consent-ledger/checkpoint/v2", Long.toString(treeSize), rootHash,
                Long.toString(lastGlobalIndex), subjectRoot, signedAt, keyId).getBytes(StandardCharsets.UTF_8);
    }

    /** The statement of checkpoints signed before the subject index existed (v1: no subject root). */
    public static byte[] statementV1(long treeSize, String rootHash, long lastGlobalIndex, String signedAt, String keyId) {
        return String.join("\n", "consent-ledger/checkpoint/v1", Long.toString(treeSize), rootHash,
                Long.toString(lastGlobalIndex), signedAt, keyId).getBytes(StandardCharsets.UTF_8);
    }

    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Whether {@code signatureBytes} signs {@code message} under the key {@code keyId} names (false for an unknown id). */
    boolean verify(String keyId, byte[] message, byte[] signatureBytes) {
        PublicKey key = keyId.equals(this.keyId) ? publicKey : verifyingKeys.get(keyId);
        if (key == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public String keyId() {
        return keyId;
    }

    public String publicKeyBase64() {
        return base64(publicKey);
    }

    /** Every key a checkpoint of this ledger may name, retired ones first, with their periods. */
    public List<PublishedKey> publishedKeys() {
        return List.copyOf(published);
    }

    private static String base64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }
}
