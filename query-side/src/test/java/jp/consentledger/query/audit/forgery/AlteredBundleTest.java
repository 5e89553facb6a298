package jp.consentledger.query.audit.forgery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bundle whose conclusion, readable fields, proofs or checkpoint were edited is rejected, naming what broke; the
 * conclusion is re-derived by the kernel's validity rule, the readable fields compared with the signed bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlteredBundleTest extends ForgedBundles {
    @Autowired
    TestRestTemplate http;

    @BeforeAll
    void dispute(@Autowired ConnectionProvider connections, @Autowired TransactionManager transactions) {
        writeTheDisputeOnce(http, connections, transactions);
    }

    @Test
    void aStatedStateOrTokenVerdictThatDoesNotFollowFromTheEventsIsRejected() {
        rejected(genuine, b -> state(b).put("status", "ACTIVE"), "status is stated ACTIVE, the rule gives REVOKED");
        rejected(genuine, b -> ((ObjectNode) state(b).path("reasons")).put("BALANCE", "VALID"),
                "the token verdict for BALANCE is stated VALID, the rule gives REVOKED");
        rejected(genuine, b -> state(b).put("termsVersionInForce", "forgery-v0"), "the terms version in force is stated forgery-v0");
        rejected(genuine, b -> state(b).put("providerStatus", "SUSPENDED"), "the provider's status is stated SUSPENDED");
        rejected(genuine, b -> ((ArrayNode) state(b).path("restsOn")).remove(0), "it rests on events");
        rejected(genuine, b -> b.put("at", "2026-04-01T10:40:00+09:00"), "it is about another linkage or instant");
        rejected(account, b -> ((ObjectNode) b.path("derivedState").path("linkages").get(0)).put("status", "REVOCATION_REQUESTED"),
                "the stated state of linkage " + LINKAGE + " does not follow from the events: status");
        rejected(account, b -> ((ArrayNode) b.path("derivedState").path("linkages")).removeAll(), "the stated state lists linkages []");
    }

    @Test
    void everyReadableFieldOfEveryEventIsCheckedAgainstTheSignedBytes() {
        int forgeries = 0;
        for (JsonNode event : genuine.path("events")) {
            long position = event.path("position").asLong();
            String at = "event at position " + position;
            rejected(genuine, b -> eventAt(b, position).put("occurredAt", Instant.parse(event.path("payload").path(
                    occurredField(event)).asText()).minusSeconds(60).toString()), at + ": the readable occurredAt");
            rejected(genuine, b -> eventAt(b, position).put("recordedAt", Instant.parse(event.path("timeStamp").asText())
                    .minusSeconds(3600).toString()), at + ": the readable recordedAt");
            rejected(genuine, b -> eventAt(b, position).put("type", "LinkageGrantRefusedEvent"), at + ": the readable type");
            rejected(genuine, b -> ((ObjectNode) eventAt(b, position).path("payload")).put("forged", true), at + ": the readable payload");
            for (String stored : List.of("eventId", "aggregateId", "aggregateType", "timeStamp", "payloadType", "payloadRevision")) {
                rejected(genuine, b -> eventAt(b, position).put(stored, event.path(stored).asText() + "x"),
                        at + ": its stored bytes do not give its chain hash");
            }
            rejected(genuine, b -> eventAt(b, position).put("sequenceNumber", event.path("sequenceNumber").asLong() + 1), at + ": its stored");
            rejected(genuine, b -> eventAt(b, position).put("payloadBase64", Base64.getEncoder().encodeToString(
                    (new String(Base64.getDecoder().decode(event.path("payloadBase64").asText()), StandardCharsets.UTF_8) + " ")
                            .getBytes(StandardCharsets.UTF_8))), at + ": its stored bytes do not give its chain hash");
            rejected(genuine, b -> eventAt(b, position).put("metaDataBase64", Base64.getEncoder().encodeToString(
                    "{}".getBytes(StandardCharsets.UTF_8))), at + ": its stored bytes do not give its chain hash");
            rejected(genuine, b -> eventAt(b, position).put("previousHash", flip(event.path("previousHash").asText())), at + ":");
            rejected(genuine, b -> eventAt(b, position).put("chainHash", flip(event.path("chainHash").asText())), at + ":");
            boolean last = position == genuine.path("checkpoint").path("lastGlobalIndex").asLong();
            rejected(genuine, b -> eventAt(b, position).put("leafIndex", event.path("leafIndex").asLong() + 1),
                    at + (last ? ": not covered by the signed tree" : ": its inclusion proof"));
            rejected(genuine, b -> eventAt(b, position).put("position", position + 1000), "event at position " + (position + 1000));
            // only a provider registration of revision 1 (it held its secret's hash) may withhold its stored bytes
            rejected(genuine, b -> eventAt(b, position).putNull("payloadBase64"), at + ": its stored bytes are missing");
            forgeries += 18;
        }
        assertThat(forgeries).isEqualTo(18 * genuine.path("events").size());
    }

    @Test
    void aTruncatedOrAlteredProofIsRejected() {
        for (JsonNode event : genuine.path("events")) {
            long position = event.path("position").asLong();
            String what = "event at position " + position + ": its inclusion proof";
            rejected(genuine, b -> ((ArrayNode) eventAt(b, position).path("inclusionProof")).remove(event.path("inclusionProof").size() - 1), what);
            for (int i = 0; i < event.path("inclusionProof").size(); i++) {
                int step = i;
                rejected(genuine, b -> ((ArrayNode) eventAt(b, position).path("inclusionProof")).set(step,
                        flip(event.path("inclusionProof").get(step).asText())), what);
            }
        }
        for (JsonNode subject : genuine.path("subjects")) {
            String key = subject.path("key").asText();
            String what = "subject " + key + ": its index";
            rejected(genuine, b -> ((ArrayNode) subject(b, key).path("proof").path("path")).remove(15), what);
            for (int level = 0; level < 16; level++) {
                int at = level;
                rejected(genuine, b -> ((ArrayNode) subject(b, key).path("proof").path("path")).set(at,
                        flip(subject.path("proof").path("path").get(at).asText())), what + " proof does not lead to the signed subject root");
            }
            rejected(genuine, b -> ((ObjectNode) subject(b, key).path("proof")).put("bucket", (subject.path("proof").path("bucket").asInt() + 1) % 65536), what);
            rejected(genuine, b -> ((ObjectNode) subject(b, key).path("proof")).put("entryIndex", subject.path("proof").path("entryIndex").asInt() + 1), what);
            rejected(genuine, b -> subject(b, key).put("head", flip(subject.path("head").asText())), "subject " + key + ":");
            rejected(genuine, b -> subject(b, key).put("eventCount", subject.path("eventCount").asLong() + 1), "subject " + key + ":");
            if (!subject.path("proof").path("bucketEntries").isEmpty()) {
                rejected(genuine, b -> ((ArrayNode) subject(b, key).path("proof").path("bucketEntries")).removeAll(), what);
                rejected(genuine, b -> ((ObjectNode) subject(b, key).path("proof").path("bucketEntries").get(0)).put("keyHash",
                        flip(subject.path("proof").path("bucketEntries").get(0).path("keyHash").asText())), what);
            } else {
                rejected(genuine, b -> ((ArrayNode) subject(b, key).path("proof").path("bucketEntries")).addObject()
                        .put("keyHash", "ab".repeat(32)).put("entryHash", "cd".repeat(32)), what);
            }
        }
    }

    @Test
    void anOlderValidCheckpointSwappedInIsRejected() {
        assertThat(verify(before).status()).as("the older bundle is genuine as of its own checkpoint").isZero();
        rejected(genuine, b -> b.set("checkpoint", before.path("checkpoint").deepCopy()), "not covered by the signed tree");
        rejected(genuine, b -> b.set("checkpoint", before.path("checkpoint").deepCopy()), "its index proof does not lead to the signed subject root");
        rejected(before, b -> b.set("checkpoint", genuine.path("checkpoint").deepCopy()), "its inclusion proof does not lead to the signed root");
        for (String field : List.of("treeSize", "lastGlobalIndex")) {
            rejected(genuine, b -> checkpoint(b).put(field, checkpoint(b).path(field).asLong() - 1), "the checkpoint's signature does not verify");
        }
        for (String field : List.of("rootHash", "subjectRoot")) {
            rejected(genuine, b -> checkpoint(b).put(field, flip(checkpoint(b).path(field).asText())), "the checkpoint's signature does not verify");
        }
        rejected(genuine, b -> checkpoint(b).put("signedAt", "2026-01-01T00:00:00Z"), "the checkpoint's signature does not verify");
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsRejectedAndARetiredKeyStillVerifiesItsOwn() throws Exception {
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String otherId = keyIdOf(other.getPublic().getEncoded());
        rejected(genuine, b -> {
            checkpoint(b).put("keyId", otherId);
            ((ObjectNode) b.path("signingKey")).put("keyId", otherId);
            checkpoint(b).put("signature", sign(other, checkpoint(b)));
        }, "the checkpoint names key " + otherId + ", not a key given to this verifier");
        rejected(genuine, b -> checkpoint(b).put("signature", sign(other, checkpoint(b))), "the checkpoint's signature does not verify under key");
        rejected(genuine, b -> ((ObjectNode) b.path("signingKey")).put("keyId", otherId), "the bundle names key " + otherId);

        String ledgerKey = genuine.path("signingKey").path("publicKey").asText();
        String otherKey = Base64.getEncoder().encodeToString(other.getPublic().getEncoded());
        String rotated = "[{\"publicKey\":\"" + ledgerKey + "\",\"validFrom\":\"2026-01-01T00:00:00Z\",\"validUntil\":\"2099-01-01T00:00:00Z\"},"
                + "{\"publicKey\":\"" + otherKey + "\",\"validFrom\":\"2099-01-01T00:00:00Z\"}]";
        assertThat(verify(genuine.toString(), rotated).status()).as("old checkpoints under the retired key").isZero();
        String retiredEarlier = "[{\"publicKey\":\"" + ledgerKey + "\",\"validUntil\":\"2026-01-01T00:00:00Z\"},{\"publicKey\":\"" + otherKey + "\"}]";
        Run outside = verify(genuine.toString(), retiredEarlier);
        assertThat(outside.status()).isEqualTo(1);
        assertThat(outside.out()).contains("outside the period of key " + genuine.path("signingKey").path("keyId").asText());
        assertThat(verify(genuine.toString(), otherKey).out()).contains("not a key given to this verifier");
    }

    @Test
    void aMalformedOrUnknownVersionBundleIsUnreadableWithAClearMessage() {
        unreadable("{\"format\": \"consent-ledger/evidence/v2\", \"events\": [", "is not JSON");
        unreadable("[1, 2, 3]", "the bundle is not a JSON object");
        unreadable(withFormat("consent-ledger/evidence/v1"), "a v1 bundle proves neither completeness nor its conclusion");
        unreadable(withFormat("consent-ledger/evidence/v3"), "this verifier reads consent-ledger/evidence/v2");
        ObjectNode noEvents = genuine.deepCopy();
        noEvents.remove("events");
        unreadable(noEvents.toString(), "'events' is missing or not an array");
        ObjectNode badCheckpoint = genuine.deepCopy();
        checkpoint(badCheckpoint).put("treeSize", "fourteen");
        unreadable(badCheckpoint.toString(), "the checkpoint: 'treeSize' is missing or not an integer");
        ObjectNode badTime = genuine.deepCopy();
        badTime.put("at", "yesterday");
        unreadable(badTime.toString(), "'at' is not an ISO-8601 instant");
        Run badKey = verify(genuine.toString(), "not-a-key");
        assertThat(badKey.status()).isEqualTo(2);
        assertThat(badKey.err()).contains("not an Ed25519 public key");
    }

    private static void unreadable(String bundle, String message) {
        Run run = verify(bundle, keys.toString());
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("UNREADABLE: ").contains(message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    private static String withFormat(String format) {
        ObjectNode bundle = genuine.deepCopy();
        bundle.put("format", format);
        return bundle.toString();
    }

    private static ObjectNode state(ObjectNode bundle) {
        return (ObjectNode) bundle.path("derivedState");
    }

    private static ObjectNode checkpoint(ObjectNode bundle) {
        return (ObjectNode) bundle.path("checkpoint");
    }

    private static ObjectNode eventAt(ObjectNode bundle, long position) {
        return (ObjectNode) bundle.path("events").get(indexOf(bundle, position));
    }

    /** The payload field that holds an event's occurredAt (LedgerEvent.occurredAt) in these events. */
    private static String occurredField(JsonNode event) {
        for (String field : List.of("occurredAt", "requestedAt", "confirmedAt", "grantedAt", "registeredAt", "publishedAt",
                "suspendedAt", "reinstatedAt", "declaredAt", "liftedAt", "detectedAt", "resolvedAt")) {
            if (event.path("payload").has(field)) {
                return field;
            }
        }
        throw new AssertionError("no occurredAt field in " + event.path("type").asText());
    }

    /** The same hex string with its first digit changed. */
    private static String flip(String hex) {
        return (hex.charAt(0) == '0' ? '1' : '0') + hex.substring(1);
    }

    private static String keyIdOf(byte[] x509) throws Exception {
        return "ed25519:" + HexFormat.of().formatHex(Arrays.copyOf(java.security.MessageDigest.getInstance("SHA-256").digest(x509), 8));
    }

    /** Signs the checkpoint's statement v2 (docs/audit-evidence.md) with {@code key}. */
    private static String sign(KeyPair key, JsonNode checkpoint) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key.getPrivate());
            signature.update(String.join("\n", "consent-ledger/checkpoint/v2", checkpoint.path("treeSize").asText(),
                    checkpoint.path("rootHash").asText(), checkpoint.path("lastGlobalIndex").asText(),
                    checkpoint.path("subjectRoot").asText(), checkpoint.path("signedAt").asText(),
                    checkpoint.path("keyId").asText()).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
