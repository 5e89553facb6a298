package jp.consentledger.command.audit;

import jp.consentledger.kernel.audit.EventChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event the command side writes is linked into its aggregate's hash chain over its stored bytes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HashChainedEventStoreTest {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", dataDir::toString);
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    record Row(long globalIndex, EventChain.StoredRow event, String previousHash, String chainHash) {
    }

    @Test
    void eachAggregatesEventsFormALinearChainOverTheirStoredBytes() {
        post("/api/v1/providers", Map.of("providerId", "prov-1", "name", "Provider One"));
        post("/api/v1/providers/prov-1/suspension", Map.of("reason", "audit"));
        post("/api/v1/providers", Map.of("providerId", "prov-2", "name", "Provider Two"));

        List<Row> rows = jdbc.sql("SELECT * FROM domain_event_entry ORDER BY global_index").query((rs, n) -> new Row(
                rs.getLong("global_index"),
                new EventChain.StoredRow(rs.getString("event_identifier"), rs.getString("aggregate_identifier"),
                        rs.getLong("sequence_number"), rs.getString("type"), rs.getString("time_stamp"),
                        rs.getString("payload_type"), rs.getString("payload_revision"), rs.getBytes("payload"),
                        rs.getBytes("meta_data")),
                rs.getString("previous_hash"), rs.getString("chain_hash"))).list();

        assertThat(rows).hasSize(3);
        Map<String, String> last = new HashMap<>();
        for (Row row : rows) {
            String expectedPrevious = last.getOrDefault(row.event().aggregateIdentifier(), EventChain.GENESIS);
            assertThat(row.previousHash()).isEqualTo(expectedPrevious);
            assertThat(row.chainHash()).isEqualTo(EventChain.link(expectedPrevious, row.event()));
            last.put(row.event().aggregateIdentifier(), row.chainHash());
        }
        assertThat(rows.get(1).previousHash()).isEqualTo(rows.get(0).chainHash());
    }

    private void post(String path, Object body) {
        var response = http.withBasicAuth("operator", "operator").postForEntity(path, body, String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
        assertThat(response.getStatusCode()).isNotEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
