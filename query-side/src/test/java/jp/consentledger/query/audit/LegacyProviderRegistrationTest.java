package jp.consentledger.query.audit;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.provider.ProviderCredentialId;
import jp.consentledger.kernel.provider.ProviderCredentialRotatedEvent;
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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A ledger recorded before credentials had ids: its provider registration (revision 1) holds the bcrypt
 * hash of the provider's secret in its stored bytes, which the hash chain covers and no one may change.
 * It is read as revision 2 (credential "legacy"), and no answer shows the hash: not the history, not
 * "as of", not the evidence bundle, whose stored bytes for that one event are withheld, and which still
 * verifies offline.
 */
@DisabledIfSystemProperty(named = "ledger.test.event-engine", matches = "in-memory",
        disabledReason = "rows of an older ledger exist only in its JDBC store")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyProviderRegistrationTest extends SharedAuditStore {
    static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    static final Instant T1 = Instant.parse("2025-06-01T01:00:00Z");
    static final Instant T2 = Instant.parse("2025-06-01T02:00:00Z");
    static final String HASH = "$2a$10$legacyHashOfTheProvidersSecretXXXXXXXXXXXXXXXXXXXXXXX";
    static final String PROVIDER = "prov-legacy";
    static final String LINKAGE = "lnk-legacy";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ConnectionProvider connections;
    @Autowired
    TransactionManager transactions;

    private TestLedger ledger;

    @BeforeAll
    void writeALedgerFromBeforeCredentialIds() {
        ledger = new TestLedger(connections, transactions);
        ledger.legacyProvider(PROVIDER, HASH, T0);
        ledger.terms("legacy-v1", T0, T0);
        ledger.account("acc-legacy", "legacy-v1", T0.plusSeconds(60), Duration.ofDays(365));
        ledger.grant(LINKAGE, "acc-legacy", PROVIDER, Set.of(Scope.BALANCE), "legacy-v1", T1, Duration.ofDays(90));
        // the store is shared with other audit tests: their service-wide events (terms) show here too
        await().atMost(Duration.ofSeconds(60)).until(() -> history().path("items").findValuesAsText("type")
                .contains("LinkageGrantedEvent"));
    }

    @Test
    void theOldRegistrationIsReadAsTheLegacyCredentialAndARotationReplacesIt() {
        await().atMost(Duration.ofSeconds(60)).until(() -> credentialIdInTheDirectory().equals("legacy"));
        ledger.append("Provider", PROVIDER, new ProviderCredentialRotatedEvent(
                new ProviderId(PROVIDER), new ProviderCredentialId("cred-new"), ProviderCredentialId.LEGACY, T2), T2);
        await().atMost(Duration.ofSeconds(60)).until(() -> credentialIdInTheDirectory().equals("cred-new"));
    }

    @Test
    void theHistoryShowsTheRegistrationWithoutTheHash() {
        JsonNode registration = ofType(history().path("items"), "ProviderRegisteredEvent");
        assertThat(registration.path("payload").has("secretHash")).isFalse();
        assertThat(registration.path("payload").path("credentialId").asText()).isEqualTo("legacy");
        assertThat(registration.path("payload").path("providerId").asText()).isEqualTo(PROVIDER);
        assertThat(http.getForObject("/api/v1/audit/linkages/" + LINKAGE + "/history", String.class)).doesNotContain(HASH);
        assertThat(http.getForObject("/api/v1/audit/accounts/acc-legacy/history", String.class)).doesNotContain(HASH);
    }

    @Test
    void asOfAnswersRestOnTheRegistrationWithoutShowingTheHash() {
        ResponseEntity<String> state = http.getForEntity("/api/v1/audit/linkages/" + LINKAGE + "/state?at=" + T1.plusSeconds(60),
                String.class);
        assertThat(state.getStatusCode().value()).as(state.getBody()).isEqualTo(200);
        assertThat(state.getBody()).contains("ACTIVE").doesNotContain(HASH).doesNotContain("secretHash");
    }

    @Test
    void theEvidenceBundleWithholdsTheStoredBytesThatHoldTheHashAndStillVerifies() throws Exception {
        ResponseEntity<String> answer = await().atMost(Duration.ofSeconds(60)).until(() -> http.getForEntity(
                "/api/v1/audit/linkages/" + LINKAGE + "/evidence?at=" + T1.plusSeconds(60), String.class),
                response -> response.getStatusCode().value() == 200);
        assertThat(answer.getBody()).doesNotContain(HASH).doesNotContain("secretHash");
        JsonNode bundle = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.getBody());
        JsonNode registration = ofType(bundle.path("events"), "ProviderRegisteredEvent");
        assertThat(registration.path("payloadBase64").isNull() || registration.path("payloadBase64").isMissingNode()).isTrue();
        assertThat(registration.path("payload").path("credentialId").asText()).isEqualTo("legacy");
        for (JsonNode event : bundle.path("events")) {
            if (event.path("payloadBase64").isTextual()) {
                assertThat(new String(Base64.getDecoder().decode(event.path("payloadBase64").asText()), StandardCharsets.UTF_8))
                        .doesNotContain(HASH);
            }
        }

        PublicKey key = ledgerKey();
        EvidenceVerifier.Report report = EvidenceVerifier.verify(bundle, key);
        assertThat(report.problems()).isEmpty();
        assertThat(report.verified()).isTrue();
        assertThat(EvidenceVerifier.withheld(bundle)).containsExactly(registration.path("position").asLong());
        // the command line's verdict says, on a line of its own, that this event's content is not proven by bytes
        Path file = Files.writeString(Files.createTempFile("legacy-evidence", ".json"), answer.getBody());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = EvidenceVerifier.run(new String[]{file.toString(), Base64.getEncoder().encodeToString(key.getEncoded())},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("VERIFIED").contains("NOT PROVEN BY BYTES: the event at position "
                + registration.path("position").asLong() + " withholds its stored bytes");

        // Only a registration of revision 1 may withhold its bytes: the grant's withheld is a rejection.
        ObjectNode forged = bundle.deepCopy();
        ((ObjectNode) ofType(forged.path("events"), "LinkageGrantedEvent")).putNull("payloadBase64");
        assertThat(EvidenceVerifier.verify(forged, key).problems()).anyMatch(p -> p.contains("stored bytes are missing"));
        // A withheld registration is still held to its place in the signed tree.
        ObjectNode moved = bundle.deepCopy();
        ((ObjectNode) ofType(moved.path("events"), "ProviderRegisteredEvent")).put("chainHash", "ab".repeat(32));
        assertThat(EvidenceVerifier.verify(moved, key).verified()).isFalse();
    }

    @Test
    void aProviderLoginThatCannotBeCheckedIsUnavailableNotWrong() {
        ResponseEntity<JsonNode> answer = new TestRestTemplate(PROVIDER, "some-secret").getForEntity(
                http.getRootUri() + "/api/v1/providers/" + PROVIDER + "/linkages", JsonNode.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody().path("code").asText()).isEqualTo("CREDENTIAL_CHECK_UNAVAILABLE");
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
    }

    private static JsonNode ofType(JsonNode events, String type) {
        for (JsonNode event : events) {
            if (event.path("type").asText().equals(type)) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " in " + events);
    }

    private String credentialIdInTheDirectory() {
        return jdbc.sql("SELECT credential_id FROM read_model.rm_provider WHERE provider_id = ?").param(PROVIDER)
                .query(String.class).optional().orElse("");
    }

    private PublicKey ledgerKey() throws Exception {
        String base64 = http.getForObject("/api/v1/audit/public-key", JsonNode.class).path("publicKey").asText();
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private JsonNode history() {
        return http.getForObject("/api/v1/audit/linkages/" + LINKAGE + "/history", JsonNode.class);
    }
}
