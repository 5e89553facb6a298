package jp.consentledger.query.audit.integrity;


import jp.consentledger.query.audit.integrity.keys.PublishedKey;
import jp.consentledger.query.audit.integrity.keys.SigningKeysProperties;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 14, keys: a checkpoint names its key; after a rotation the ledger signs with the new key and still checks
 * the checkpoints the old one signed (the old public key kept as retired, with the period it signed in), and
 * publishes every key with its period.
 */
class CheckpointKeyRotationTest {
    private static final Instant ROTATED = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void aRotatedKeyLeavesTheCheckpointsItSignedVerifiableAndBothArePublishedWithTheirPeriods() throws Exception {
        KeyPair old = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair current = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        CheckpointSigner before = new CheckpointSigner(base64(old.getPrivate().getEncoded()), base64(old.getPublic().getEncoded()));
        byte[] statement = CheckpointSigner.statement(14, "ab".repeat(32), 15, "cd".repeat(32), "2026-05-01T00:00:00Z", before.keyId());
        byte[] signedBefore = before.sign(statement);

        CheckpointSigner after = new CheckpointSigner(new SigningKeysProperties(base64(current.getPrivate().getEncoded()),
                base64(current.getPublic().getEncoded()), ROTATED,
                List.of(new SigningKeysProperties.RetiredKey(base64(old.getPublic().getEncoded()), null, ROTATED))));

        assertThat(after.keyId()).isNotEqualTo(before.keyId());
        assertThat(after.verify(before.keyId(), statement, signedBefore)).as("the old checkpoint, under the retired key").isTrue();
        assertThat(after.verify(after.keyId(), statement, signedBefore)).as("not under the new key").isFalse();
        assertThat(after.verify("ed25519:0000000000000000", statement, signedBefore)).as("an unknown key id").isFalse();
        assertThat(after.publishedKeys()).containsExactly(
                new PublishedKey(before.keyId(), "Ed25519", base64(old.getPublic().getEncoded()), null, ROTATED, false),
                new PublishedKey(after.keyId(), "Ed25519", base64(current.getPublic().getEncoded()), ROTATED, null, true));
    }

    @Test
    void aRetiredKeyThatIsNotAnEd25519PublicKeyStopsTheStart() throws Exception {
        KeyPair current = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThatThrownBy(() -> new CheckpointSigner(new SigningKeysProperties(base64(current.getPrivate().getEncoded()),
                base64(current.getPublic().getEncoded()), null, List.of(new SigningKeysProperties.RetiredKey("bm90IGEga2V5", null, null)))))
                .hasMessageContaining("ledger.audit.signing.retired-keys");
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
