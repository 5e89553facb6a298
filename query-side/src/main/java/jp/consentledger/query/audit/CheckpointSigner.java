package jp.consentledger.query.audit;

import jp.consentledger.kernel.audit.EventChain;
import jp.consentledger.query.role.FullNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signs checkpoints with the ledger's Ed25519 key (the JDK's own provider). The key pair comes from
 * configuration: the private key as PKCS#8, the public key as X.509 SubjectPublicKeyInfo, both base64.
 * The key id is derived from the public key, so it cannot disagree with it.
 */
@FullNode
@Component
public class CheckpointSigner {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    public CheckpointSigner(@Value("${ledger.audit.signing.private-key}") String privateKeyBase64,
                            @Value("${ledger.audit.signing.public-key}") String publicKeyBase64) {
        try {
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            this.privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKeyBase64.trim())));
            this.publicKey = keys.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("ledger.audit.signing.private-key / public-key are not a base64 Ed25519 key pair", e);
        }
        this.keyId = keyIdOf(publicKey.getEncoded());
        byte[] probe = "consent-ledger/key-check".getBytes(StandardCharsets.US_ASCII);
        if (!verify(probe, sign(probe))) {
            throw new IllegalStateException("ledger.audit.signing.public-key does not belong to the private key");
        }
    }

    /** "ed25519:" and the first 16 hex digits of SHA-256 over the public key's X.509 encoding. */
    static String keyIdOf(byte[] publicKeyX509) {
        return "ed25519:" + MerkleLog.hex(Arrays.copyOf(EventChain.sha256(publicKeyX509), 8));
    }

    /**
     * The signed statement of a checkpoint, one field per line (LF):
     * "consent-ledger/checkpoint/v1", tree size, root hash (hex), last global index, signed-at (ISO-8601 UTC), key id.
     */
    static byte[] statement(long treeSize, String rootHash, long lastGlobalIndex, String signedAt, String keyId) {
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

    boolean verify(byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
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
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }
}
