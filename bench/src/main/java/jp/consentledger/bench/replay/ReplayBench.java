package jp.consentledger.bench.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.bench.history.Store;
import jp.consentledger.bench.nodes.Http;
import jp.consentledger.bench.nodes.LedgerNodes;
import jp.consentledger.bench.report.Results;
import jp.consentledger.serialization.EventStoreContract;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measure 5: every read model rebuilt from the whole event stream, as the query side does when it
 * starts on an existing store (the token-validity model is in memory and always replays; the JDBC
 * read models replay on a fresh schema), timed from the moment its web server answers to the moment
 * every processor has reached the last event. Beside it, the physical ceiling: a plain sequential
 * JDBC read of the event table, embedded as the query side reads it, with and without deserializing.
 */
public final class ReplayBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TARGET_EVENTS_PER_SECOND = 30_000;

    private ReplayBench() {
    }

    public record Replay(long events, double tokenValidityPerSecond, double allPerSecond, Duration all,
                         Map<String, Long> positionsAtStart, Map<String, Double> caughtUpAfterSeconds,
                         Map<String, Long> unfinishedAt) {
        /** Whether every processor caught up within the budget; if not, {@code unfinishedAt} says where each was. */
        public boolean complete() {
            return unfinishedAt == null;
        }
    }

    /**
     * Call right after starting the query side on a store of {@code lastIndex} events; returns once
     * every processor reports itself caught up (the query side's readiness details, as an operator
     * sees them), each processor's time noted on the way.
     */
    public static Replay measure(LedgerNodes.Node query, Store store, long lastIndex, Duration timeout, PrintStream log)
            throws Exception {
        Http http = new Http();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (http.get(query.uri("/actuator/health/liveness"), null).status() == 200) {
                    break;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the query side did not start within " + timeout);
            }
            Thread.sleep(50);
        }
        long t0 = System.nanoTime();
        Map<String, Long> start = new LinkedHashMap<>();
        start.put("token-validity", tokenValidityPosition(http, query));
        Map<String, Double> caughtUpAfter = new LinkedHashMap<>();
        Map<String, Long> unfinishedAt = null;
        long end;
        try (Connection connection = store.connect()) {
            start.putAll(processorPositions(connection));
            long lastReport = 0;
            while (true) {
                long now = System.nanoTime();
                JsonNode processors = http.get(query.uri("/actuator/health/readiness"), null).json()
                        .path("components").path("eventProcessors").path("details");
                processors.fields().forEachRemaining(p -> {
                    if (p.getValue().path("caughtUp").asBoolean(false)) {
                        caughtUpAfter.putIfAbsent(p.getKey(), (now - t0) / 1e9);
                    }
                });
                end = now;
                if (processors.size() > 0 && caughtUpAfter.size() == processors.size()) {
                    break;
                }
                if (now - lastReport > 5_000_000_000L || now > deadline) {
                    Map<String, Long> positions = processorPositions(connection);
                    positions.put("token-validity", tokenValidityPosition(http, query));
                    log.printf("  replay: positions %s of %,d; caught up after (s) %s%n", positions, lastIndex, caughtUpAfter);
                    lastReport = now;
                    if (now > deadline) {
                        // The budget is spent: report how far each processor got, and let the other measures
                        // run (the unfinished replay goes on beside them, which the report says).
                        unfinishedAt = positions;
                        break;
                    }
                }
                Thread.sleep(100);
            }
        }
        long fromAll = start.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long reached = unfinishedAt == null ? lastIndex
                : unfinishedAt.values().stream().mapToLong(Long::longValue).min().orElse(0);
        double seconds = (end - t0) / 1e9;
        Double tvSeconds = caughtUpAfter.get("token-validity");
        double tv = tvSeconds == null ? 0 : (lastIndex - start.get("token-validity")) / tvSeconds;
        return new Replay(lastIndex, tv, (reached - fromAll) / seconds, Duration.ofNanos(end - t0), start,
                caughtUpAfter, unfinishedAt);
    }

    private static long tokenValidityPosition(Http http, LedgerNodes.Node query) throws Exception {
        JsonNode health = http.get(query.uri("/actuator/health/readiness"), null).json();
        JsonNode position = health.path("components").path("tokenValidity").path("details").path("eventPosition");
        return position.isMissingNode() ? 0 : Math.max(0, position.asLong());
    }

    /**
     * Where every processor whose token is stored in the read-model schema has got to: the lowest
     * segment's position (see {@link #position}).
     */
    public static Map<String, Long> processorPositions(Connection connection) throws SQLException {
        Map<String, Long> positions = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT processor_name, segment, token FROM read_model.qry_token_entry")) {
            while (rs.next()) {
                positions.merge(rs.getString(1), position(rs.getBytes(3)), Math::min);
            }
        }
        return positions;
    }

    /**
     * The global index through which a stored tracking token has handled every event: its index, or
     * just below its lowest gap (a gap is an index not yet seen, which a transaction in flight may
     * still fill). A processor started on an existing store replays under a ReplayToken whose
     * "tokenAtReset" is the head: only its "currentToken" says how far it is. No token: nothing yet.
     */
    public static long position(byte[] token) {
        if (token == null) {
            return 0;
        }
        JsonNode json;
        try {
            json = JSON.readTree(token);
        } catch (java.io.IOException notJson) {
            throw new IllegalStateException("a processor token that is not JSON", notJson);
        }
        JsonNode current = json.has("tokenAtReset") ? json.path("currentToken") : json;
        long index = current.path("index").asLong(0);
        for (JsonNode gap : current.path("gaps")) {
            index = Math.min(index, gap.asLong() - 1);
        }
        return Math.max(0, index);
    }

    public record RawRead(long events, double readPerSecond, double readAndDeserializePerSecond, double writeOncePerSecond) {
    }

    /**
     * The ceilings: one sequential pass over the event table, bytes only, then bytes plus deserialization; then
     * the database writing every event once into a fresh keyed table, in one statement on the server, which is
     * the least a rebuild writes (the audit index keeps one row per event, beside its other rows).
     */
    public static RawRead rawRead(Store store) throws SQLException {
        Serializer serializer = EventStoreContract.serializer();
        double[] rates = new double[2];
        long events = 0;
        for (int pass = 0; pass < 2; pass++) {
            try (Connection connection = store.connect()) {
                connection.setAutoCommit(false);
                long start = System.nanoTime();
                long n = 0;
                try (PreparedStatement statement = connection.prepareStatement("SELECT global_index, event_identifier,"
                        + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision,"
                        + " payload, meta_data FROM domain_event_entry ORDER BY global_index")) {
                    statement.setFetchSize(1000);
                    try (ResultSet rs = statement.executeQuery()) {
                        long checksum = 0;
                        while (rs.next()) {
                            checksum += rs.getLong(1) + rs.getString(2).length() + rs.getString(3).length() + rs.getLong(4)
                                    + rs.getString(6).length();
                            byte[] payload = rs.getBytes(9);
                            checksum += payload.length + rs.getBytes(10).length;
                            if (pass == 1) {
                                Object event = serializer.deserialize(new SimpleSerializedObject<>(payload, byte[].class,
                                        new SimpleSerializedType(rs.getString(7), rs.getString(8))));
                                checksum += event.hashCode();
                            }
                            n++;
                        }
                        if (checksum == 42) {
                            System.out.print(""); // keeps the reads from being optimised away
                        }
                    }
                }
                rates[pass] = n / ((System.nanoTime() - start) / 1e9);
                events = n;
            }
        }
        return new RawRead(events, rates[0], rates[1], writeOnce(store, events));
    }

    private static double writeOnce(Store store, long events) throws SQLException {
        String columns = "global_index, event_identifier, aggregate_identifier, sequence_number, payload_type, time_stamp,"
                + " payload";
        try (Connection connection = store.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE bench_write_ceiling AS SELECT " + columns + " FROM domain_event_entry WHERE 1 = 0");
            statement.execute("ALTER TABLE bench_write_ceiling ADD PRIMARY KEY (global_index)");
            long start = System.nanoTime();
            statement.executeUpdate("INSERT INTO bench_write_ceiling SELECT " + columns + " FROM domain_event_entry");
            double seconds = (System.nanoTime() - start) / 1e9; // autocommit: the commit is in it
            statement.execute("DROP TABLE bench_write_ceiling");
            return events / seconds;
        }
    }

    public static void report(Replay replay, RawRead raw, Results results) {
        results.raw("replay", replay);
        results.raw("rawRead", raw);
        results.row("5", String.format("Replay of all read models over %,d events (query side start)", replay.events()),
                replay.complete()
                        ? String.format("%,.0f events/s (%.1f s in all; caught up after %s; token validity alone %,.0f/s)",
                        replay.allPerSecond(), replay.all().toMillis() / 1e3, caughtUp(replay), replay.tokenValidityPerSecond())
                        : String.format("not all caught up within %.0f s: slowest processor at %,.0f events/s (reached %s;"
                                + " caught up: %s; token validity alone %,.0f/s)", replay.all().toMillis() / 1e3,
                        replay.allPerSecond(), replay.unfinishedAt(), caughtUp(replay), replay.tokenValidityPerSecond()),
                String.format("raw JDBC read %,.0f events/s; read + deserialize %,.0f/s; the database writing each"
                                + " event once into a keyed table (INSERT … SELECT on the server) %,.0f/s", raw.readPerSecond(),
                        raw.readAndDeserializePerSecond(), raw.writeOncePerSecond()),
                String.format("%.2f× of raw read, %.2f× of read + deserialize", replay.allPerSecond() / raw.readPerSecond(),
                        replay.allPerSecond() / raw.readAndDeserializePerSecond()),
                "≥ 30,000 events/s, ≥ 40% of read + deserialize",
                replay.complete() && replay.allPerSecond() >= TARGET_EVENTS_PER_SECOND
                        && replay.allPerSecond() >= 0.4 * raw.readAndDeserializePerSecond() ? Results.Verdict.MET : Results.Verdict.MISSED,
                "the signed Merkle log is not rebuilt: it is not a read model, and a bank's store holds it already; the"
                        + " generated store has none, and the node puts off its first checkpoint so as not to build one beside the rebuild");
    }

    private static String caughtUp(Replay replay) {
        return replay.caughtUpAfterSeconds().entrySet().stream()
                .map(e -> String.format("%s %.0f s", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
