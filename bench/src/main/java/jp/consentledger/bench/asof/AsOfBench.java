package jp.consentledger.bench.asof;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.bench.history.GeneratedHistory;
import jp.consentledger.bench.history.Store;
import jp.consentledger.bench.load.OpenLoad;
import jp.consentledger.bench.nodes.Http;
import jp.consentledger.bench.nodes.LedgerNodes;
import jp.consentledger.bench.replay.ReplayBench;
import jp.consentledger.bench.report.Results;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Measure 6: a dispute handler's "state of this linkage as of that instant", at a steady rate (open
 * model), on stores of different sizes: the answer must not get slower as the store grows.
 *
 * <p>The answer reads the audit index, a processor of its own that may still be replaying while the
 * suite runs (readiness tracks live token validity only). So the measure runs at the index's horizon:
 * the latest instant through which every event is indexed. It asks only about linkages granted by
 * then, at instants between their grant and the horizon, whose answers the index already holds in
 * full; the row says how many events the index held.
 */
public final class AsOfBench {
    public static final double P99_TARGET_MICROS = 5_000;
    private static final String PROCESSOR = "audit-index";
    /** Enough distinct linkages for the load not to ask about the same few over and over. */
    private static final int WANTED_LINKAGES = 1_000;
    private static final int SANITY_SAMPLES = 100;

    private AsOfBench() {
    }

    /**
     * How far the audit index has got: {@code indexed} events of the {@code storeEvents} generated are in
     * it, every event that occurred at or before {@code at} is among them, and so is every event recorded by
     * {@code knownAt} (null once the index is complete). The ledger refuses a plain "as of" while its index
     * catches up (503 LEDGER_CATCHING_UP) but answers "as of, as known at" an instant the index has wholly
     * read; by the horizon's construction no event recorded later occurred by {@code at}, so both answers are
     * the same state.
     */
    public record Horizon(long indexed, long storeEvents, Instant at, Instant knownAt, int eligibleLinkages) {
        public boolean complete() {
            return indexed >= storeEvents;
        }
    }

    /** One question: linkage {@code linkage} of the generated history, as of {@code at}. */
    public record Question(int linkage, Instant at) {
    }

    /**
     * The horizon of an index that has handled every event through global index {@code position}. The
     * generator appends events in recording order (global index 1 on), so every later event was recorded
     * at or after the next one's time stamp and occurred at most {@code maxBackdating} before that; the
     * horizon is just before. A caught-up index's horizon is the end of the generated history (events the
     * suite appends later concern accounts and providers of their own).
     */
    public static Horizon horizon(Connection connection, GeneratedHistory history, long position) throws SQLException {
        long events = history.counts().events();
        long indexed = Math.min(position, events);
        Instant at = history.generatedAt();
        Instant knownAt = null;
        if (indexed < events) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT time_stamp FROM domain_event_entry WHERE global_index = ?")) {
                statement.setLong(1, indexed + 1);
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no event at global index " + (indexed + 1) + " of " + events);
                    }
                    Instant recorded = Instant.parse(rs.getString(1));
                    knownAt = recorded.minusMillis(1);
                    Instant next = recorded.minus(history.maxBackdating()).minusMillis(1);
                    at = next.isBefore(at) ? next : at;
                }
            }
        }
        int eligible = 0;
        for (int i = 0; i < history.linkages(); i++) {
            eligible += history.grantedAt(i).isAfter(at) ? 0 : 1;
        }
        return new Horizon(indexed, events, at, knownAt, eligible);
    }

    /** The audit index's committed position: its token is written in the transaction of the rows it covers. */
    public static long auditIndexPosition(Connection connection) throws SQLException {
        return ReplayBench.processorPositions(connection).getOrDefault(PROCESSOR, 0L);
    }

    /**
     * The horizon once the index holds at least {@value WANTED_LINKAGES} linkages (or all of them) and
     * {@code wantedEvents} events (or all of them), or once {@code patience} is spent: a replay passes
     * the first linkages within seconds.
     */
    public static Horizon awaitHorizon(Store store, GeneratedHistory history, long wantedEvents, Duration patience,
                                       PrintStream log) throws SQLException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        int wanted = Math.min(WANTED_LINKAGES, history.linkages());
        try (Connection connection = store.connect()) {
            while (true) {
                Horizon horizon = horizon(connection, history, auditIndexPosition(connection));
                boolean enough = horizon.complete()
                        || (horizon.eligibleLinkages() >= wanted && horizon.indexed() >= wantedEvents);
                if (enough || System.nanoTime() > deadline) {
                    log.printf("  state as of: audit index at %,d of %,d events after %.0f s, horizon %s, %,d linkages"
                                    + " granted by then%n", horizon.indexed(), horizon.storeEvents(),
                            (System.nanoTime() - start) / 1e9, horizon.at(), horizon.eligibleLinkages());
                    return horizon;
                }
                Thread.sleep(500);
            }
        }
    }

    /** Random linkages granted by the horizon, each at a random instant between its grant and the horizon. */
    public static List<Question> questions(GeneratedHistory history, Instant horizon, int count, SplittableRandom random) {
        int[] eligible = new int[history.linkages()];
        int n = 0;
        for (int i = 0; i < history.linkages(); i++) {
            if (!history.grantedAt(i).isAfter(horizon)) {
                eligible[n++] = i;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no linkage was granted by " + horizon);
        }
        List<Question> questions = new ArrayList<>(count);
        long end = horizon.toEpochMilli();
        for (int q = 0; q < count; q++) {
            int i = eligible[random.nextInt(n)];
            long granted = history.grantedAt(i).toEpochMilli();
            questions.add(new Question(i, Instant.ofEpochMilli(granted + random.nextLong(end - granted + 1))));
        }
        return questions;
    }

    private static String path(GeneratedHistory history, Question question, Instant knownAt) {
        return "/api/v1/audit/linkages/" + history.linkageId(question.linkage()).value() + "/state?at=" + question.at()
                + (knownAt == null ? "" : "&knownAt=" + knownAt);
    }

    /**
     * Asks the first questions one by one and compares each answer with what the generated history
     * implies: the linkage granted when the generator granted it; lapsed (or revoked) from its expiry
     * on; a token the generator calls live neither revoked nor lapsed before its expiry. Returns the
     * disagreements: none, or the measure would time wrong answers.
     */
    public static List<String> disagreements(LedgerNodes.Node query, GeneratedHistory history, List<Question> questions,
                                             Instant knownAt)
            throws IOException, InterruptedException {
        Http http = new Http();
        List<String> wrong = new ArrayList<>();
        for (Question question : questions.subList(0, Math.min(SANITY_SAMPLES, questions.size()))) {
            int i = question.linkage();
            String where = history.linkageId(i).value() + " at " + question.at() + ": ";
            Http.Answer answer = http.get(query.uri(path(history, question, knownAt)), LedgerNodes.DISPUTE);
            if (answer.status() != 200) {
                wrong.add(where + "HTTP " + answer.status());
                continue;
            }
            JsonNode state = answer.json();
            String status = state.path("status").asText();
            boolean lapsedOrRevoked = Set.of("EXPIRED", "REVOKED").contains(status);
            String grantedAt = state.path("linkage").path("grantedAt").asText();
            if (!state.path("linkageId").asText().equals(history.linkageId(i).value())) {
                wrong.add(where + "answered for " + state.path("linkageId").asText());
            } else if (grantedAt.isEmpty() || !Instant.parse(grantedAt).equals(history.grantedAt(i))) {
                wrong.add(where + "granted at " + grantedAt + ", generated at " + history.grantedAt(i));
            } else if (!question.at().isBefore(history.expiresAt(i)) && !lapsedOrRevoked) {
                wrong.add(where + status + " after its expiry " + history.expiresAt(i));
            } else if (question.at().isBefore(history.expiresAt(i)) && lapsedOrRevoked
                    && history.expected(i) == GeneratedHistory.LIVE) {
                wrong.add(where + status + " though the generator left it live");
            }
        }
        return wrong;
    }

    public static OpenLoad.StepResult measure(LedgerNodes.Node query, GeneratedHistory history, List<Question> questions,
                                              Instant knownAt, double rate, Duration warmup, Duration measure)
            throws IOException {
        List<byte[]> requests = new ArrayList<>(questions.size());
        for (Question question : questions) {
            String head = "GET " + path(history, question, knownAt) + " HTTP/1.1\r\nHost: 127.0.0.1:" + query.port()
                    + "\r\nAuthorization: " + LedgerNodes.DISPUTE + "\r\nAccept: application/json\r\n\r\n";
            requests.add(head.getBytes(StandardCharsets.US_ASCII));
        }
        OpenLoad load = new OpenLoad(new OpenLoad.Target(new InetSocketAddress("127.0.0.1", query.port()), requests,
                "\"linkageId\""), 8);
        return load.run(rate, warmup, measure);
    }

    /**
     * Met only with p99 within target, no error, no wrong answer among those checked, and an index that
     * held at least {@code requiredIndexed} events: the target is stated at a store size.
     */
    /** CPU per answer, in µs: the query node's, and its store's PostgreSQL's. */
    public record Cost(double nodeMicros, double postgresMicros) {
    }

    public static void report(String id, Horizon horizon, long requiredIndexed, OpenLoad.StepResult step, Cost cost,
                              List<String> disagreements, Results results) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("indexedEvents", horizon.indexed());
        raw.put("storeEvents", horizon.storeEvents());
        raw.put("horizon", horizon.at().toString());
        raw.put("knownAt", horizon.knownAt() == null ? null : horizon.knownAt().toString());
        raw.put("eligibleLinkages", horizon.eligibleLinkages());
        raw.put("requiredIndexedEvents", requiredIndexed);
        raw.put("answersChecked", SANITY_SAMPLES);
        raw.put("disagreements", disagreements);
        raw.put("step", step);
        raw.put("cpuPerAnswer", cost);
        results.raw("asOf-" + horizon.storeEvents(), raw);
        String ours = String.format("p50 %.1f ms, p99 %.1f ms at %,.0f/s (%,d errors); CPU per answer: node %,.0f µs,"
                        + " PostgreSQL %,.0f µs", step.p50() / 1e3, step.p99() / 1e3, step.offeredPerSecond(), step.errors(),
                cost.nodeMicros(), cost.postgresMicros());
        if (!disagreements.isEmpty()) {
            ours += String.format("; %d wrong answers of %d checked", disagreements.size(), SANITY_SAMPLES);
        }
        boolean met = step.p99() <= P99_TARGET_MICROS && step.errors() == 0 && disagreements.isEmpty()
                && horizon.indexed() >= requiredIndexed;
        results.row(id, String.format("State as of an instant, one linkage, audit index at %,d of %,d events%s",
                        horizon.indexed(), horizon.storeEvents(), horizon.complete() ? " (all)" : ""),
                ours, "—", "—", "p99 ≤ 5 ms, flat in store size",
                met ? Results.Verdict.MET : Results.Verdict.MISSED,
                String.format("instants up to the index's horizon %s%s, over the %,d linkages granted by then;"
                                + " answers checked against the generated history: %d wrong%s", horizon.at(),
                        horizon.knownAt() == null ? "" : " (asked as known at " + horizon.knownAt()
                                + ": the ledger refuses a plain as-of while its index catches up)",
                        horizon.eligibleLinkages(), disagreements.size(), horizon.indexed() >= requiredIndexed ? ""
                                : String.format("; not met below %,d indexed events", requiredIndexed)));
    }
}
