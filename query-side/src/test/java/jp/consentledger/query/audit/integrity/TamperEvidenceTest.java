package jp.consentledger.query.audit.integrity;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import jp.consentledger.query.audit.AuditTestContext;
import jp.consentledger.query.audit.TestLedger;

import jp.consentledger.kernel.audit.EventChain;
import jp.consentledger.kernel.linkage.Scope;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tampering with the embedded store directly, with SQL, is caught by the verification, which names the
 * first broken position. Each test restores the store it tampered with.
 */
@DisabledIfSystemProperty(named = "ledger.test.event-engine", matches = "in-memory",
        disabledReason = "tampers with the JDBC event table itself")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TamperEvidenceTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AuditTestContext.register(registry, "tamper");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    @Autowired
    void asAuditor(TestRestTemplate http) {
        AuditTestContext.asAuditor(http);
    }
    @Autowired
    ConnectionProvider connections;
    @Autowired
    TransactionManager transactions;

    private static boolean written;
    private List<Map<String, Object>> original;

    @BeforeEach
    void historyCheckpointedAndIntact() {
        if (!written) {
            written = true;
            TestLedger ledger = new TestLedger(connections, transactions);
            ledger.provider("prov-a", T0);
            ledger.terms("v1", T0, T0.plusSeconds(1));
            for (int i = 0; i < 4; i++) {
                Instant at = T0.plusSeconds(10L * (i + 1));
                ledger.account("acc-" + i, "v1", at, Duration.ofDays(365));
                if (i == 1) {
                    // Position 6 stays empty, as after a rolled-back transaction: room for a forged insertion.
                    jdbc.sql("ALTER TABLE domain_event_entry ALTER COLUMN global_index RESTART WITH 7").update();
                }
                ledger.grant("lnk-" + i, "acc-" + i, "prov-a", Set.of(Scope.BALANCE), "v1", at.plusSeconds(1), Duration.ofDays(90));
            }
        }
        assertThat(http.postForEntity("/api/v1/audit/checkpoints", null, Map.class).getStatusCode().value()).isEqualTo(201);
        original = jdbc.sql("SELECT * FROM domain_event_entry ORDER BY global_index").query().listOfRows();
        assertThat(verification()).containsEntry("verified", true).containsEntry("eventsChecked", 10);
    }

    @AfterEach
    void restore() {
        jdbc.sql("DELETE FROM domain_event_entry").update();
        for (Map<String, Object> row : original) {
            insert(row);
        }
        assertThat(verification()).containsEntry("verified", true);
    }

    @Test
    void aFlippedByteInAPayloadIsCaughtAtItsPosition() {
        byte[] payload = (byte[]) row(5).get("PAYLOAD");
        payload[payload.length / 2] ^= 0x01;
        jdbc.sql("UPDATE domain_event_entry SET payload = ? WHERE global_index = 5").param(payload).update();

        assertBrokenAt(5);
    }

    /** Issue 17, finding 6: readiness stayed UP while the verification failed. */
    @Test
    void aFailedVerificationTakesAFullNodesReadinessDownButNotTheTokenChecksAndSetsTheMetric() {
        jdbc.sql("DELETE FROM domain_event_entry WHERE global_index = 4").update();
        assertBrokenAt(4);

        assertThat(http.getForEntity("/actuator/health/readiness", String.class).getStatusCode().value()).isEqualTo(503);
        assertThat(http.getForEntity("/actuator/health/token-checks", String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(http.withBasicAuth("monitor", "monitor").getForEntity("/actuator/metrics/ledger.audit.verification.verified",
                com.fasterxml.jackson.databind.JsonNode.class).getBody().path("measurements").get(0).path("value").asDouble()).isEqualTo(0.0);
    }

    @Test
    void aDeletedRowIsCaughtAtItsPosition() {
        jdbc.sql("DELETE FROM domain_event_entry WHERE global_index = 4").update();

        assertBrokenAt(4);
    }

    @Test
    void twoSwappedRowsAreCaughtAtTheFirst() {
        Map<String, Object> third = row(3);
        Map<String, Object> seventh = row(7);
        jdbc.sql("DELETE FROM domain_event_entry WHERE global_index IN (3, 7)").update();
        insert(withIndex(seventh, 3));
        insert(withIndex(third, 7));

        assertBrokenAt(3);
    }

    @Test
    void aTruncatedTailIsCaughtAtTheFirstMissingPosition() {
        jdbc.sql("DELETE FROM domain_event_entry WHERE global_index >= 8").update();

        assertBrokenAt(8);
    }

    @Test
    void anInsertedRowIsCaughtAtItsPosition() {
        // A well-formed, well-chained event (a back-dated terms version) written into the empty position 6.
        Map<String, Object> forged = withIndex(row(2), 6);
        forged.put("EVENT_IDENTIFIER", "forged-event");
        forged.put("AGGREGATE_IDENTIFIER", "v-forged");
        forged.put("SEQUENCE_NUMBER", 0L);
        forged.put("PREVIOUS_HASH", EventChain.GENESIS);
        forged.put("CHAIN_HASH", EventChain.link(EventChain.GENESIS, stored(forged)));
        insert(forged);

        assertBrokenAt(6);
    }

    @Test
    void anEventRewrittenWithItsPlainHashRecomputedIsCaughtByTheSignedCheckpoint() {
        // Rewrite acc-1's grant (position 7, its aggregate's last event) and recompute its chain hash: every
        // chain still links, but the log's signed tree committed to the original.
        Map<String, Object> grant = row(7);
        String json = new String((byte[]) grant.get("PAYLOAD"), StandardCharsets.UTF_8).replace("BALANCE", "TRANSACTIONS");
        grant.put("PAYLOAD", json.getBytes(StandardCharsets.UTF_8));
        grant.put("CHAIN_HASH", EventChain.link((String) grant.get("PREVIOUS_HASH"), stored(grant)));
        jdbc.sql("DELETE FROM domain_event_entry WHERE global_index = 7").update();
        insert(grant);

        assertBrokenAt(7);

        // Rewriting the log's own leaves and nodes too does not help: the signature covers the root.
        String originalChainHash = ((String) original.get(5).get("CHAIN_HASH")).trim();
        leafAt7(grant.get("CHAIN_HASH").toString());
        Map<String, Object> result = verification();
        assertThat(result).as(result.toString()).containsEntry("verified", false);
        assertThat(((Number) result.get("firstBrokenPosition")).longValue()).isLessThanOrEqualTo(7);
        leafAt7(originalChainHash);
    }

    @Test
    void aCheckpointSignedOverASubjectIndexThatIsNotTheEventsOwnIsCaught(@Autowired CheckpointSigner signer) {
        // The signer signs whatever the stored index says: an index edited before a signing (an event taken out
        // of a subject's chain, to hide it from that subject's bundles) gets a genuine signature over a wrong root.
        Map<String, Object> genuine = jdbc.sql("SELECT * FROM read_model.audit_log_checkpoint WHERE tree_size = 10"
                + " AND statement_version = 2").query().singleRow();
        String editedRoot = "ab".repeat(32);
        String signedAt = genuine.get("SIGNED_AT").toString();
        String signature = java.util.Base64.getEncoder().encodeToString(signer.sign(CheckpointSigner.statement(10,
                genuine.get("ROOT_HASH").toString(),
                ((Number) genuine.get("LAST_GLOBAL_INDEX")).longValue(), editedRoot, signedAt, signer.keyId())));
        jdbc.sql("UPDATE read_model.audit_log_checkpoint SET subject_root = ?, signature = ? WHERE tree_size = 10"
                + " AND statement_version = 2").params(editedRoot, signature).update();
        try {
            Map<String, Object> result = verification();
            assertThat(result).as(result.toString()).containsEntry("verified", false);
            assertThat(result.get("finding").toString()).contains("subject index root signed at tree size 10");
        } finally {
            jdbc.sql("UPDATE read_model.audit_log_checkpoint SET subject_root = ?, signature = ? WHERE tree_size = 10"
                    + " AND statement_version = 2").params(genuine.get("SUBJECT_ROOT"), genuine.get("SIGNATURE")).update();
        }
    }

    private void leafAt7(String chainHash) {
        jdbc.sql("UPDATE read_model.audit_log_leaf SET chain_hash = ?, leaf_hash = ? WHERE global_index = 7")
                .params(chainHash, MerkleLog.hex(MerkleLog.leafHash(7, chainHash))).update();
    }

    private void assertBrokenAt(long position) {
        Map<String, Object> result = verification();
        assertThat(result).as(result.toString()).containsEntry("verified", false);
        assertThat(((Number) result.get("firstBrokenPosition")).longValue()).as(result.toString()).isEqualTo(position);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> verification() {
        return http.getForObject("/api/v1/audit/verification", Map.class);
    }

    private Map<String, Object> row(long globalIndex) {
        return new java.util.HashMap<>(jdbc.sql("SELECT * FROM domain_event_entry WHERE global_index = ?")
                .param(globalIndex).query().singleRow());
    }

    private static Map<String, Object> withIndex(Map<String, Object> row, long globalIndex) {
        Map<String, Object> copy = new java.util.HashMap<>(row);
        copy.put("GLOBAL_INDEX", globalIndex);
        return copy;
    }

    private static EventChain.StoredRow stored(Map<String, Object> row) {
        return new EventChain.StoredRow((String) row.get("EVENT_IDENTIFIER"), (String) row.get("AGGREGATE_IDENTIFIER"),
                ((Number) row.get("SEQUENCE_NUMBER")).longValue(), (String) row.get("TYPE"), (String) row.get("TIME_STAMP"),
                (String) row.get("PAYLOAD_TYPE"), (String) row.get("PAYLOAD_REVISION"), (byte[]) row.get("PAYLOAD"),
                (byte[]) row.get("META_DATA"));
    }

    private void insert(Map<String, Object> row) {
        List<String> columns = new ArrayList<>(row.keySet());
        jdbc.sql("INSERT INTO domain_event_entry (" + String.join(", ", columns) + ") VALUES ("
                        + String.join(", ", columns.stream().map(c -> "?").toList()) + ")")
                .params(columns.stream().map(row::get).toList()).update();
    }
}
