package jp.consentledger.bench.history;

import jp.consentledger.serialization.EventStoreContract;
import jp.consentledger.kernel.token.TokenHasher;
import jp.consentledger.validity.ConsentFacts;
import jp.consentledger.validity.ValidityReason;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated store must be one the ledger could have written: contiguous aggregate sequences,
 * events the shared serializer reads back, lookups consistent with them, no plain token anywhere,
 * and every token the generator calls live (dead) checked valid (invalid) by the ledger's own rule.
 */
class HistoryGeneratorTest {
    private static final TokenHasher HASHER = new TokenHasher("bench-test-secret-0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    static Path dir;
    static GeneratedHistory history;
    static String url;

    @BeforeAll
    static void generate() throws Exception {
        url = StoreSchema.h2Url(dir);
        // The suite's own path: migrate, fill, rebuild the deferred indexes, compact, count.
        history = GenerateHistory.generateH2(Path.of("..").toAbsolutePath().normalize(), dir,
                new HistoryGenerator.Shape(3_000, 7), HASHER, NOW, Progress.silent());
    }

    @Test
    void aggregateSequencesAreContiguousFromZeroInGlobalOrder() throws Exception {
        Map<String, Long> next = new HashMap<>();
        long rows = 0;
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT aggregate_identifier, sequence_number FROM domain_event_entry ORDER BY global_index")) {
            while (rs.next()) {
                long expected = next.getOrDefault(rs.getString(1), 0L);
                assertThat(rs.getLong(2)).as("sequence of %s", rs.getString(1)).isEqualTo(expected);
                next.put(rs.getString(1), expected + 1);
                rows++;
            }
        }
        assertThat(rows).isEqualTo(history.counts().events());
        assertThat(history.counts().linkages()).isEqualTo(3_000);
        assertThat(history.counts().revocations()).isPositive();
        assertThat(history.counts().expiries()).isPositive();
        assertThat(history.counts().breaches()).isPositive();
    }

    @Test
    void theLedgersRuleAgreesWithWhatTheGeneratorExpectsOfEveryToken() throws Exception {
        ConsentFacts facts = new ConsentFacts();
        Serializer serializer = EventStoreContract.serializer();
        Set<String> types = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT payload_type, payload_revision, payload FROM domain_event_entry ORDER BY global_index")) {
            while (rs.next()) {
                SerializedObject<byte[]> payload = new SimpleSerializedObject<>(rs.getBytes(3), byte[].class,
                        new SimpleSerializedType(rs.getString(1), rs.getString(2)));
                facts.apply(serializer.deserialize(payload));
                types.add(rs.getString(1));
            }
        }
        assertThat(types).hasSizeGreaterThanOrEqualTo(15);
        int live = 0;
        int dead = 0;
        for (int i = 0; i < history.linkages(); i++) {
            ValidityReason reason = facts.check(HASHER.hash(history.token(i)), history.grantedScope(i), NOW).reason();
            if (history.expected(i) == GeneratedHistory.LIVE) {
                assertThat(reason).as("linkage %d", i).isEqualTo(ValidityReason.VALID);
                live++;
            } else if (history.expected(i) == GeneratedHistory.DEAD) {
                assertThat(reason).as("linkage %d", i).isNotEqualTo(ValidityReason.VALID);
                dead++;
            }
        }
        assertThat(live).isEqualTo(history.liveCount()).isGreaterThan(1_000);
        assertThat(dead).isGreaterThan(100);
    }

    @Test
    void lookupsFollowTheEventsAndNoPlainTokenIsStored() throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM cmd_linkage_route")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(3_000);
            }
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM cmd_provider_directory")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(history.counts().providers());
            }
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM cmd_account_directory")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(history.counts().accounts());
            }
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM cmd_linkage_route WHERE revoked")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(history.counts().revocations());
            }
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM domain_event_entry WHERE type = 'Account'"
                    + " AND aggregate_identifier NOT LIKE 'account:%'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("aggregate identifiers in their typed form").isZero();
            }
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM cmd_terms_version")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(3);
            }
            StringBuilder all = new StringBuilder();
            try (ResultSet rs = statement.executeQuery("SELECT payload, meta_data FROM domain_event_entry")) {
                while (rs.next()) {
                    all.append(new String(rs.getBytes(1), StandardCharsets.UTF_8)).append(new String(rs.getBytes(2), StandardCharsets.UTF_8));
                }
            }
            String stored = all.toString();
            for (int i = 0; i < history.linkages(); i += 7) {
                assertThat(stored).doesNotContain(history.token(i));
            }
        }
    }

    @Test
    void theStoreHasTheIndexesAndConstraintsTheCommandSidesMigrationsCreate(@TempDir Path fresh) throws Exception {
        String freshUrl = StoreSchema.h2Url(fresh);
        StoreSchema.migrateCommandSide(Path.of("..").toAbsolutePath().normalize(), "h2", freshUrl, "sa", "");
        Set<String> migrated = indexesAndConstraints(freshUrl);
        assertThat(migrated).anyMatch(entry -> entry.contains("UK_DOMAIN_EVENT_AGGREGATE_SEQUENCE"));
        assertThat(indexesAndConstraints(url)).isEqualTo(migrated);
    }

    /** Each index as its table, kind and columns; each constraint as its name, kind and table (index names H2 numbers itself). */
    private static Set<String> indexesAndConstraints(String url) throws Exception {
        Set<String> entries = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT i.TABLE_NAME, i.INDEX_TYPE_NAME,"
                    + " CASE WHEN i.INDEX_NAME LIKE 'IX\\_%' THEN i.INDEX_NAME END,"
                    + " LISTAGG(c.COLUMN_NAME, ',') WITHIN GROUP (ORDER BY c.ORDINAL_POSITION)"
                    + " FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c"
                    + " ON c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME"
                    + " WHERE i.TABLE_SCHEMA = 'PUBLIC' GROUP BY i.TABLE_NAME, i.INDEX_NAME, i.INDEX_TYPE_NAME")) {
                while (rs.next()) {
                    entries.add("index " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " (" + rs.getString(4) + ")");
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT CONSTRAINT_NAME, CONSTRAINT_TYPE, TABLE_NAME"
                    + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                while (rs.next()) {
                    String name = rs.getString(1).startsWith("CONSTRAINT_") ? "(unnamed)" : rs.getString(1);
                    entries.add("constraint " + name + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        return entries;
    }
}
