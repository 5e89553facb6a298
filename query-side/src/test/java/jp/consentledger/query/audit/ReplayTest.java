package jp.consentledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A replay rebuilds every read model into fresh storage; after a long random history it equals the live ones. */
class ReplayTest extends SharedAuditStore {
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ConnectionProvider connections;
    @Autowired
    TransactionManager transactions;

    @Test
    void theRebuiltModelsEqualTheLiveOnesAndADifferenceIsNamed() {
        TestLedger ledger = new TestLedger(connections, transactions);
        RandomHistory.write(ledger, 20260601L, "replay",
                Instant.parse("2026-06-01T00:00:00Z"), 400);

        JsonNode done = replay();
        assertThat(done.path("equal").asBoolean()).as(done.toString()).isTrue();
        assertThat(done.path("differences")).isEmpty();
        assertThat(done.path("eventsProcessed").asLong())
                .isEqualTo(ledger.storedCount());
        assertThat(done.path("models").toString()).contains("linkage-directory", "audit-index", "token-validity");

        // A live row that no event supports is found, and named.
        jdbc.sql("UPDATE read_model.rm_linkage SET suspended = NOT suspended WHERE linkage_id = 'replay-l0'").update();
        try {
            JsonNode differs = replay();
            assertThat(differs.path("equal").asBoolean()).isFalse();
            assertThat(differs.path("differences").get(0).path("model").asText()).isEqualTo("read_model.rm_linkage");
            assertThat(differs.path("differences").get(0).path("onlyInLive").asInt()).isEqualTo(1);
            assertThat(differs.path("differences").get(0).path("samples").toString()).contains("replay-l0");
        } finally {
            jdbc.sql("UPDATE read_model.rm_linkage SET suspended = NOT suspended WHERE linkage_id = 'replay-l0'").update();
        }
    }

    private JsonNode replay() {
        ResponseEntity<JsonNode> started = http.postForEntity("/api/v1/audit/replays", null, JsonNode.class);
        assertThat(started.getStatusCode().value()).isEqualTo(202);
        String location = started.getHeaders().getLocation().toString();
        await().atMost(Duration.ofMinutes(2)).until(() -> !"RUNNING".equals(http.getForObject(location, JsonNode.class).path("state").asText()));
        JsonNode done = http.getForObject(location, JsonNode.class);
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("DONE");
        return done;
    }
}
