package jp.consentledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/** The bundle's signed checkpoint (statement v2: it signs the Merkle root and the subject index root). */
record Checkpoint(long treeSize, long lastGlobalIndex, String rootHash, String subjectRoot, String signedAt,
                  String keyId, String signature) {
    static final String STATEMENT = "consent-ledger/checkpoint/v2";

    static Checkpoint read(JsonNode bundle) {
        JsonNode node = Json.object(bundle, "checkpoint", "the bundle");
        String where = "the checkpoint";
        String statement = Json.text(node, "statement", where);
        if (!STATEMENT.equals(statement)) {
            throw new Malformed("the checkpoint's statement is " + statement + "; this verifier reads " + STATEMENT);
        }
        return new Checkpoint(Json.number(node, "treeSize", where), Json.number(node, "lastGlobalIndex", where),
                Json.text(node, "rootHash", where), Json.text(node, "subjectRoot", where), Json.text(node, "signedAt", where),
                Json.text(node, "keyId", where), Json.text(node, "signature", where));
    }

    /** One field per line (LF): the tag, tree size, root, last global index, subject root, signed-at, key id. */
    byte[] statement() {
        return String.join("\n", STATEMENT, Long.toString(treeSize), rootHash, Long.toString(lastGlobalIndex),
                subjectRoot, signedAt, keyId).getBytes(StandardCharsets.UTF_8);
    }

    /** The signature under the trusted key this checkpoint names, within the period that key signed in. */
    void checkSignature(List<TrustedKeys.TrustedKey> trusted, String namedInBundle, List<String> problems) {
        if (!keyId.equals(namedInBundle)) {
            problems.add("the bundle names key " + namedInBundle + " but its checkpoint was signed with " + keyId);
        }
        TrustedKeys.TrustedKey key = trusted.stream().filter(k -> k.keyId().equals(keyId)).findFirst().orElse(null);
        if (key == null) {
            problems.add("the checkpoint names key " + keyId + ", not a key given to this verifier ("
                    + String.join(", ", trusted.stream().map(TrustedKeys.TrustedKey::keyId).toList()) + ")");
            return;
        }
        try {
            if (!key.coversSigningAt(Instant.parse(signedAt))) {
                problems.add("the checkpoint was signed at " + signedAt + ", outside the period of key " + keyId);
            }
        } catch (DateTimeParseException e) {
            problems.add("the checkpoint's signedAt is not an instant");
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key.key());
            verifier.update(statement());
            if (!verifier.verify(Base64.getDecoder().decode(signature))) {
                problems.add("the checkpoint's signature does not verify under key " + keyId);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            problems.add("the checkpoint's signature does not verify under key " + keyId);
        }
        if (!Hashes.isHash(rootHash) || !Hashes.isHash(subjectRoot)) {
            problems.add("the checkpoint's roots are not 64 hex digits");
        }
    }
}
