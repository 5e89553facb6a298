package jp.consentledger.query.audit;

import jp.consentledger.query.audit.integrity.CheckpointSigner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationRequestedEvent;
import jp.consentledger.verifier.EvidenceVerifier;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dispute of the README (R5.1, T4.1: a requested revocation keeps the token valid until the bank
 * confirms it; R4.4, T3.3: a valid token's use is the customer's instruction): granted at T1, revocation
 * requested at T2 but recorded at T2', confirmed at T3; the answers at instants between them, and the
 * evidence verified offline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisputeTest extends SharedAuditStore {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant T1 = Instant.parse("2026-03-01T01:00:00Z");  // 10:00 JST: granted
    static final Instant T2 = Instant.parse("2026-03-01T01:30:00Z");  // 10:30 JST: customer asks the provider
    static final Instant T2R = Instant.parse("2026-03-01T01:35:00Z"); // 10:35 JST: the bank records the request
    static final Instant T3 = Instant.parse("2026-03-01T02:00:00Z");  // 11:00 JST: the bank confirms
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ConnectionProvider connections;
    @Autowired
    TransactionManager transactions;

    private final LinkageId linkage = new LinkageId("lnk-dispute");
    private final AccountId account = new AccountId("acc-dispute");
    private final ProviderId provider = new ProviderId("prov-dispute");

    @BeforeAll
    void writeTheDispute() {
        TestLedger ledger = new TestLedger(connections, transactions);
        ledger.provider(provider.value(), T0);
        ledger.terms("dispute-v1", T0, T0);
        ledger.account(account.value(), "dispute-v1", T0.plusSeconds(60), Duration.ofDays(365));
        ledger.grant(linkage.value(), account.value(), provider.value(), Set.of(Scope.BALANCE, Scope.TRANSACTIONS),
                "dispute-v1", T1, Duration.ofDays(90));
        ledger.append("Account", account.value(), new LinkageRevocationRequestedEvent(linkage, account, provider, T2, T2R), T2R);
        ledger.append("Account", account.value(), new LinkageRevocationConfirmedEvent(linkage, account, provider, T3), T3);
        ledger.terms("dispute-v2", T0.plus(Duration.ofDays(30)), T3.plusSeconds(3600));
        await().until(() -> history().path("items").size() == 7);
    }

    @Test
    void historyListsEveryEventThatBearsOnTheLinkageOldestFirstWithItsHashLinks() {
        JsonNode items = history().path("items");
        assertThat(items.findValuesAsText("type")).containsSubsequence("ProviderRegisteredEvent", "AccountRegisteredEvent",
                "LinkageGrantedEvent", "LinkageRevocationRequestedEvent", "LinkageRevocationConfirmedEvent");
        JsonNode request = items.get(4);
        assertThat(request.path("type").asText()).isEqualTo("LinkageRevocationRequestedEvent");
        assertThat(request.path("occurredAt").asText()).isEqualTo("2026-03-01T10:30:00+09:00");
        assertThat(request.path("recordedAt").asText()).isEqualTo("2026-03-01T10:35:00+09:00");
        assertThat(request.path("payload").path("requestedAt").asText()).isEqualTo("2026-03-01T01:30:00Z");
        // The account's chain: the request follows the grant.
        assertThat(request.path("previousHash").asText()).isEqualTo(items.get(3).path("hash").asText());
        long previous = -1; // Axon's in-memory engine numbers from 0, the JDBC table from 1
        for (JsonNode item : items) {
            assertThat(item.path("position").asLong()).isGreaterThan(previous);
            previous = item.path("position").asLong();
        }
        JsonNode accountHistory = http.getForObject("/api/v1/audit/accounts/" + account.value() + "/history", JsonNode.class);
        assertThat(accountHistory.path("items").size()).isEqualTo(7);
    }

    @Test
    void stateBetweenTheInstantsFollowsTheTwoClocks() {
        assertThat(state(T1.minusMillis(1), null).path("status").asText()).isEqualTo("NOT_GRANTED");
        JsonNode granted = state(T1.plusSeconds(60), null);
        assertThat(granted.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(granted.path("reasons").path("BALANCE").asText()).isEqualTo("VALID");
        assertThat(granted.path("termsVersionInForce").asText()).isEqualTo("dispute-v1");

        // 10:32 JST, as we know it now: the customer had asked (10:30) but the bank had not confirmed: still valid.
        JsonNode requested = state(T2.plusSeconds(120), null);
        assertThat(requested.path("status").asText()).isEqualTo("REVOCATION_REQUESTED");
        assertThat(requested.path("reasons").path("BALANCE").asText()).isEqualTo("VALID");
        // ...and as the bank knew it at 10:32: the request was recorded only at 10:35.
        JsonNode knownThen = state(T2.plusSeconds(120), T2.plusSeconds(120));
        assertThat(knownThen.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(knownThen.path("restsOn").findValuesAsText("type")).doesNotContain("LinkageRevocationRequestedEvent");

        assertThat(state(T3.minusMillis(1), null).path("reasons").path("BALANCE").asText()).isEqualTo("VALID");
        JsonNode revoked = state(T3, null);
        assertThat(revoked.path("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.path("reasons").path("TRANSACTIONS").asText()).isEqualTo("REVOKED");
        assertThat(revoked.path("restsOn").findValuesAsText("type")).contains("LinkageGrantedEvent",
                "LinkageRevocationRequestedEvent", "LinkageRevocationConfirmedEvent", "TermsVersionPublishedEvent");

        assertThat(state(T0.plus(Duration.ofDays(31)), null).path("termsVersionInForce").asText()).isEqualTo("dispute-v2");
    }

    @Test
    void theAuditTokenCheckAnswersWhatTheLiveCheckAnsweredThenWithItsEvidence() {
        JsonNode beforeConfirmation = tokenCheck(Map.of("token", "token-of-lnk-dispute", "scope", "BALANCE",
                "at", "2026-03-01T10:59:59.999+09:00"));
        assertThat(beforeConfirmation.path("valid").asBoolean()).isTrue();
        assertThat(beforeConfirmation.path("reason").asText()).isEqualTo("VALID");
        assertThat(beforeConfirmation.path("evidence").path("consentedTermsVersion").asText()).isEqualTo("dispute-v1");
        assertThat(beforeConfirmation.path("evidence").path("events").findValuesAsText("hash")).hasSizeGreaterThanOrEqualTo(4)
                .allMatch(h -> h.matches("[0-9a-f]{64}"));

        String tokenHash = history().path("items").get(3).path("payload").path("tokenHash").asText();
        JsonNode afterConfirmation = tokenCheck(Map.of("tokenHash", tokenHash, "scope", "BALANCE",
                "at", "2026-03-01T11:00:00+09:00"));
        assertThat(afterConfirmation.path("valid").asBoolean()).isFalse();
        assertThat(afterConfirmation.path("reason").asText()).isEqualTo("REVOKED");
        assertThat(afterConfirmation.path("evidence").path("events").findValuesAsText("type"))
                .contains("LinkageRevocationConfirmedEvent");

        JsonNode unknown = tokenCheck(Map.of("token", "never-issued", "scope", "BALANCE", "at", "2026-03-01T11:00:00+09:00"));
        assertThat(unknown.path("reason").asText()).isEqualTo("UNKNOWN_TOKEN");
        assertThat(unknown.has("linkageId")).isFalse();
    }

    @Test
    void badAuditInputIsA400ProblemAndAnUnknownLinkageA404() {
        ResponseEntity<JsonNode> noAt = http.getForEntity("/api/v1/audit/linkages/" + linkage.value() + "/state", JsonNode.class);
        assertThat(noAt.getStatusCode().value()).isEqualTo(400);
        ResponseEntity<JsonNode> badAt = http.getForEntity("/api/v1/audit/linkages/" + linkage.value() + "/state?at=yesterday", JsonNode.class);
        assertThat(badAt.getStatusCode().value()).isEqualTo(400);
        assertThat(badAt.getBody().path("code").asText()).isEqualTo("INVALID_REQUEST");
        ResponseEntity<JsonNode> unknown = http.getForEntity("/api/v1/audit/linkages/lnk-nobody/history", JsonNode.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        ResponseEntity<JsonNode> both = http.postForEntity("/api/v1/audit/token-checks",
                Map.of("token", "x", "tokenHash", "a".repeat(64), "scope", "BALANCE", "at", "2026-03-01T11:00:00+09:00"), JsonNode.class);
        assertThat(both.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void theEvidenceBundleVerifiesOfflineAndForgeriesAreRejected() throws Exception {
        JsonNode bundle = evidence(T3.plusSeconds(1));
        PublicKey key = ledgerKey();
        EvidenceVerifier.Report report = EvidenceVerifier.verify(bundle, key);
        assertThat(report.problems()).isEmpty();
        assertThat(report.verified()).isTrue();
        assertThat(report.eventsChecked()).as("every event of the subjects it rests on, later ones included").isGreaterThanOrEqualTo(7);
        assertThat(bundle.path("derivedState").path("status").asText()).isEqualTo("REVOKED");

        // An altered event: the confirmation's stored bytes moved a minute later.
        ObjectNode altered = bundle.deepCopy();
        ObjectNode confirmation = null;
        for (JsonNode event : altered.path("events")) {
            if (event.path("type").asText().equals("LinkageRevocationConfirmedEvent")) {
                confirmation = (ObjectNode) event;
            }
        }
        String forged = new String(Base64.getDecoder().decode(confirmation.path("payloadBase64").asText()), StandardCharsets.UTF_8)
                .replace("02:00:00Z", "02:01:00Z");
        confirmation.put("payloadBase64", Base64.getEncoder().encodeToString(forged.getBytes(StandardCharsets.UTF_8)));
        confirmation.set("payload", JSON.readTree(forged));
        assertThat(EvidenceVerifier.verify(altered, key).verified()).isFalse();

        // A wrong inclusion proof.
        ObjectNode wrongProof = bundle.deepCopy();
        ((ArrayNode) wrongProof.path("events").get(2).path("inclusionProof")).set(0, JSON.getNodeFactory().textNode("ab".repeat(32)));
        assertThat(EvidenceVerifier.verify(wrongProof, key).problems()).anyMatch(p -> p.contains("inclusion proof"));

        // A checkpoint signed by another key (with that key's id), checked against the ledger's key.
        ObjectNode otherKey = bundle.deepCopy();
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        ObjectNode checkpoint = (ObjectNode) otherKey.path("checkpoint");
        checkpoint.put("keyId", CheckpointSigner.keyIdOf(other.getPublic().getEncoded()));
        ((ObjectNode) otherKey.path("signingKey")).put("keyId", checkpoint.path("keyId").asText());
        checkpoint.put("signature", sign(other, checkpoint));
        assertThat(EvidenceVerifier.verify(otherKey, key).verified()).isFalse();
        assertThat(EvidenceVerifier.verify(otherKey, other.getPublic()).verified()).isTrue(); // the forgery itself is consistent

        // Proofs for a different tree size: an earlier bundle's proofs under a later signed checkpoint.
        TestLedger more = new TestLedger(connections, transactions);
        more.provider("prov-dispute-later", T3.plusSeconds(7200));
        await().until(() -> jdbc.sql("SELECT COUNT(*) FROM read_model.audit_event WHERE aggregate_id = 'prov-dispute-later'")
                .query(Long.class).single() == 1);
        JsonNode later = evidence(T3.plusSeconds(1));
        assertThat(later.path("checkpoint").path("treeSize").asLong()).isGreaterThan(bundle.path("checkpoint").path("treeSize").asLong());
        assertThat(EvidenceVerifier.verify(later, key).verified()).isTrue();
        ObjectNode mixed = bundle.deepCopy();
        mixed.set("checkpoint", later.path("checkpoint"));
        assertThat(EvidenceVerifier.verify(mixed, key).problems()).anyMatch(p -> p.contains("inclusion proof"));

        ResponseEntity<String> html = http.getForEntity("/api/v1/audit/linkages/" + linkage.value() + "/evidence.html?at=2026-03-01T02:00:01Z", String.class);
        assertThat(html.getHeaders().getContentType().toString()).startsWith("text/html");
        assertThat(html.getBody()).contains("LinkageRevocationConfirmedEvent", later.path("checkpoint").path("rootHash").asText(), "REVOKED");
    }

    private static String sign(KeyPair key, JsonNode checkpoint) throws Exception {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(key.getPrivate());
        signature.update(CheckpointSigner.statement(checkpoint.path("treeSize").asLong(), checkpoint.path("rootHash").asText(),
                checkpoint.path("lastGlobalIndex").asLong(), checkpoint.path("subjectRoot").asText(),
                checkpoint.path("signedAt").asText(), checkpoint.path("keyId").asText()));
        return Base64.getEncoder().encodeToString(signature.sign());
    }

    private PublicKey ledgerKey() throws Exception {
        String base64 = http.getForObject("/api/v1/audit/public-key", JsonNode.class).path("publicKey").asText();
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private JsonNode history() {
        return http.getForObject("/api/v1/audit/linkages/" + linkage.value() + "/history", JsonNode.class);
    }

    private JsonNode state(Instant at, Instant knownAt) {
        String url = "/api/v1/audit/linkages/" + linkage.value() + "/state?at=" + at + (knownAt == null ? "" : "&knownAt=" + knownAt);
        ResponseEntity<JsonNode> response = http.getForEntity(url, JsonNode.class);
        assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(200);
        return response.getBody();
    }

    private JsonNode tokenCheck(Map<String, String> body) {
        ResponseEntity<JsonNode> response = http.postForEntity("/api/v1/audit/token-checks", body, JsonNode.class);
        assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(200);
        return response.getBody();
    }

    private JsonNode evidence(Instant at) {
        ResponseEntity<JsonNode> response = http.getForEntity("/api/v1/audit/linkages/" + linkage.value() + "/evidence?at=" + at, JsonNode.class);
        assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(200);
        return response.getBody();
    }
}
