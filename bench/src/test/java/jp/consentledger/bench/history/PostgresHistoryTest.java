package jp.consentledger.bench.history;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.consentledger.kernel.token.TokenHasher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The suite's big stores are on the embedded default, a PostgreSQL: generated there, the store must be one
 * the command side could have written and could go on writing (its constraints back, its sequence past the
 * generated events).
 */
class PostgresHistoryTest {
    private static EmbeddedPostgres postgres;
    private static Store store;
    private static GeneratedHistory history;

    @BeforeAll
    static void generate() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        store = Store.postgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        history = GenerateHistory.generate(Path.of("..").toAbsolutePath().normalize(), store,
                new HistoryGenerator.Shape(1_500, 7), new TokenHasher("bench-test-secret-0123456789abcdef0123"
                        .getBytes(StandardCharsets.UTF_8)), Instant.parse("2026-11-01T00:00:00Z"), Progress.silent());
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void everyAggregatesSequenceIsContiguousAndTheNextAppendTakesTheNextIndex() throws Exception {
        Map<String, Long> next = new HashMap<>();
        long rows = 0;
        long last = 0;
        try (Connection connection = store.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT global_index, aggregate_identifier, sequence_number FROM domain_event_entry ORDER BY global_index")) {
                while (rs.next()) {
                    long expected = next.getOrDefault(rs.getString(2), 0L);
                    assertThat(rs.getLong(3)).as("sequence of %s", rs.getString(2)).isEqualTo(expected);
                    next.put(rs.getString(2), expected + 1);
                    assertThat(rs.getLong(1)).isEqualTo(last + 1); // gapless, as the event table's own sequence
                    last = rs.getLong(1);
                    rows++;
                }
            }
            assertThat(rows).isEqualTo(history.counts().events());
            try (ResultSet rs = statement.executeQuery("SELECT nextval('domain_event_entry_seq')")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(last + 1);
            }
        }
    }

    @Test
    void theConstraintsTheGeneratorDroppedAreBackAndHold() throws Exception {
        try (Connection connection = store.connect(); Statement statement = connection.createStatement()) {
            TreeSet<String> names = new TreeSet<>();
            try (ResultSet rs = statement.executeQuery("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
                    + " AND tablename IN ('domain_event_entry', 'cmd_linkage_route')")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            assertThat(names).contains("uk_domain_event_identifier", "uk_domain_event_aggregate_sequence",
                    "ix_cmd_linkage_route_account", "ix_cmd_linkage_route_provider");
            assertThatThrownBy(() -> statement.execute("INSERT INTO domain_event_entry (event_identifier,"
                    + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload)"
                    + " SELECT event_identifier, aggregate_identifier, sequence_number + 1000000, type, time_stamp,"
                    + " payload_type, payload FROM domain_event_entry WHERE global_index = 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("uk_domain_event_identifier");
        }
    }
}
