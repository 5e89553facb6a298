package jp.consentledger.bench.suite;

import jp.consentledger.bench.history.GeneratedHistory;
import jp.consentledger.bench.history.Store;
import jp.consentledger.bench.nodes.EmbeddedDefault;
import jp.consentledger.bench.nodes.HeapUse;
import jp.consentledger.bench.nodes.LedgerNodes;
import jp.consentledger.bench.replay.ReplayBench;
import jp.consentledger.bench.report.Results;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The measures on the big generated store: the replay of every read model (5), state as of an instant
 * at the audit index's horizon (6b), a gateway node's start from the token-validity snapshot (8), then
 * token checks (2a) and the revocation lag (4a) on a settled node.
 */
public final class BigStoreMeasures {
    private final SuiteRun run;
    private final PrintStream out;
    private final TokenCheckMeasure tokenChecks;
    private final RevocationLagMeasure lag;
    private final AsOfMeasure asOf;

    public BigStoreMeasures(SuiteRun run, TokenCheckMeasure tokenChecks, RevocationLagMeasure lag, AsOfMeasure asOf) {
        this.run = run;
        this.out = run.console();
        this.tokenChecks = tokenChecks;
        this.lag = lag;
        this.asOf = asOf;
    }

    public void run() throws Exception {
        // On the embedded default as bin/run-embedded runs it: the store's process, then the sides on it.
        try (EmbeddedDefault big = run.embeddedStore("big")) {
            run(big);
        }
    }

    private void run(EmbeddedDefault big) throws Exception {
        Store store = big.store();
        Path dataDir = big.dataDir();
        out.printf("  generating a history of %,d tokens...%n", run.plan().bigLinkages());
        long generating = System.nanoTime();
        GeneratedHistory bigHistory = run.generate(store, run.plan().bigLinkages());
        double seconds = (System.nanoTime() - generating) / 1e9;
        out.printf("  %s in %.0f s%n", bigHistory.counts(), seconds);
        run.results().raw("bigStore", Map.of("counts", bigHistory.counts(), "generationSeconds", seconds));
        long events = bigHistory.counts().events();
        ReplayBench.RawRead raw = null;
        if (run.runs(5)) {
            // The store's ceilings, taken while no node runs: one sequential pass, as one client; one server-side copy.
            raw = ReplayBench.rawRead(store);
            out.printf("  raw read: %,.0f events/s, with deserialization %,.0f/s; written once on the server %,.0f/s%n",
                    raw.readPerSecond(), raw.readAndDeserializePerSecond(), raw.writeOncePerSecond());
        }
        LedgerNodes nodes = run.nodes();
        // A full query node replays every read model (5), then answers "as of" wherever its audit index has
        // got to (6b). Token checks and revocation lag (2a, 4a) need a settled node: that one if its replay
        // finished within the budget (the quick run's), otherwise a gateway-role query node (token validity
        // only, as a bank would put behind its API gateway) started once the replaying node has stopped,
        // since whatever runs beside a replay measures the replay.
        // It also saves the token-validity snapshot a gateway node starts from (measure 8), as soon as its model is settled.
        // The signed Merkle log is not a read model: a bank's store has it already, and no rebuild or replay
        // rebuilds it. The generated store has none, and building one over 2 million events would run beside the
        // rebuild for the rest of the node's life (in run 20261204-195434 it held half a core of PostgreSQL and a
        // fifth of the node's CPU, 900 leaves/s): its first checkpoint is put off past the node's life.
        try (LedgerNodes.Node query = nodes.querySide("big", dataDir,
                big.nodeArgs(List.of("--ledger.token-validity.snapshot-interval=PT10S",
                        "--ledger.audit.checkpoint-interval=P1D")))) {
            ReplayBench.Replay replay = ReplayBench.measure(query, store, events, run.plan().replayBudget(), out);
            out.printf("  replay: %,.0f events/s for all read models (token validity %,.0f/s), %.1f s%n",
                    replay.allPerSecond(), replay.tokenValidityPerSecond(), replay.all().toMillis() / 1e3);
            if (raw != null) {
                ReplayBench.report(replay, raw, run.results());
            }
            if (run.runs(6)) {
                // The target is stated at 2 million indexed events (never in the quick run, whose big store is
                // small). The full run has waited for the rebuild; a rebuild cut off by its budget is measured
                // wherever the index has got to, and the row says so.
                asOf.measure("6b", query, bigHistory, store, 2_000_000, 0, Duration.ofMinutes(1));
            }
            if (replay.complete() && !run.runs(8)) {
                tokenChecksAndLag(big, query, bigHistory, "full query node, every read model caught up");
                dataFolder(big, replay);
                return;
            }
            if (run.runs(8)) {
                awaitSnapshot(store, Duration.ofMinutes(10));
            }
            dataFolder(big, replay);
        }
        if (!run.runs(2) && !run.runs(4) && !run.runs(8)) {
            return;
        }
        long starting = System.nanoTime();
        try (LedgerNodes.Node gateway = nodes.gatewayQuerySide("big-gateway", dataDir, big.nodeArgs(List.of()))) {
            gateway.awaitReady(Duration.ofMinutes(8));
            double ready = (System.nanoTime() - starting) / 1e9;
            long snapshotAt = snapshotPosition(store);
            String start = snapshotAt < 0 ? String.format("replayed all %,d events", events)
                    : String.format("loaded the snapshot at position %,d, then read the %,d events after it", snapshotAt,
                    Math.max(0, events - snapshotAt));
            out.printf("  gateway node ready after %.1f s: %s%n", ready, start);
            run.results().raw("gatewayNodeStart", Map.of("events", events, "readySeconds", ready, "snapshotPosition", snapshotAt));
            if (run.runs(8)) {
                gatewayNodeHeap(gateway, bigHistory, ready, start);
            }
            tokenChecksAndLag(big, gateway, bigHistory, String.format("gateway-role query node (token validity only;"
                    + " ready %.0f s after its process started: it %s), settled", ready, start));
        }
    }

    /**
     * Measure 7: what the embedded default's data folder takes on disk once the rebuild has run, beside the
     * data it holds: the bytes of its live rows (every table of both sides), and the database's files.
     */
    private void dataFolder(EmbeddedDefault big, ReplayBench.Replay replay) throws Exception {
        if (!run.runs(7)) {
            return;
        }
        long folder = big.folderBytes();
        long rows = 0;
        long database;
        Map<String, Long> positions;
        try (var connection = big.store().connect(); var statement = connection.createStatement()) {
            positions = ReplayBench.processorPositions(connection); // where the rebuild is now, not at its budget's end
            List<String> tables = new java.util.ArrayList<>();
            try (var rs = statement.executeQuery("SELECT n.nspname || '.' || c.relname FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
                    + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (var rs = statement.executeQuery("SELECT COALESCE(SUM(pg_column_size(t.*)), 0) FROM " + table + " t")) {
                    rs.next();
                    rows += rs.getLong(1);
                }
            }
            try (var rs = statement.executeQuery("SELECT pg_database_size(current_database())")) {
                rs.next();
                database = rs.getLong(1);
            }
        }
        double ratio = (double) folder / rows;
        boolean rebuilt = positions.values().stream().allMatch(position -> position >= replay.events());
        String when = rebuilt ? "after the rebuild of every read model"
                : "with the rebuild still under way (processors at " + positions + " of " + replay.events() + ")";
        out.printf("  data folder: %,d MB on disk for %,d MB of live rows (%.2f×); database files %,d MB; %s%n",
                folder >> 20, rows >> 20, ratio, database >> 20, when);
        run.results().raw("dataFolder", Map.of("folderBytes", folder, "liveRowBytes", rows, "databaseBytes", database,
                "processorPositions", positions));
        run.results().row("7", "The embedded default's data folder on disk " + when,
                String.format("%,d MB (database files %,d MB, the rest write-ahead log and PostgreSQL's own)", folder >> 20,
                        database >> 20),
                String.format("live rows of every table: %,d MB", rows >> 20), String.format("%.2f× of the rows", ratio),
                "≤ 3× the data", ratio <= 3 ? Results.Verdict.MET : Results.Verdict.MISSED,
                "the signed Merkle log and its subject index are not in it: the big node puts off their first checkpoint"
                        + " (see 5)");
    }

    /** Measure 8: how soon a gateway node answers, and the heap its tokens take. */
    private void gatewayNodeHeap(LedgerNodes.Node gateway, GeneratedHistory bigHistory, double ready, String start)
            throws Exception {
        long heap = HeapUse.afterFullGc(gateway.process().pid());
        run.results().raw("gatewayNodeHeap", Map.of("linkages", bigHistory.linkages(), "heapUsedBytes", heap));
        run.results().row("8", String.format("A gateway node holding %,d tokens: ready after its process starts (it %s);"
                                + " heap in use after a full GC (the whole node: tokens and the application)",
                        bigHistory.linkages(), start),
                String.format("ready in %.1f s; heap %,d MB", ready, heap / (1024 * 1024)), "—", "—", "≤ 10 s",
                ready <= 10 ? Results.Verdict.MET : Results.Verdict.MISSED, null);
    }

    /** The full node saves the snapshot once its token-validity model has caught up (every 10 s here). */
    private static void awaitSnapshot(Store store, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (snapshotPosition(store) < 0 && System.nanoTime() < deadline) {
            Thread.sleep(1_000); // polling another process's database, outside any test
        }
    }

    /** -1 when the store holds no snapshot. */
    private static long snapshotPosition(Store store) throws java.sql.SQLException {
        try (var connection = store.connect();
             var rs = connection.createStatement().executeQuery(
                     "SELECT COALESCE(MAX(event_position), -1) FROM read_model.qry_token_validity_snapshot")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException noTableYet) {
            return -1;
        }
    }

    /**
     * 2a, then 4a, on a settled query node, {@code described} in their rows. The command side 4a needs starts
     * only after 2a: on its first start its processors replay the store, which 2a would measure.
     */
    private void tokenChecksAndLag(EmbeddedDefault big, LedgerNodes.Node query, GeneratedHistory bigHistory,
                                   String described) throws Exception {
        if (run.runs(2)) {
            tokenChecks.measure(query, bigHistory, described);
        }
        if (!run.runs(4)) {
            return;
        }
        try (LedgerNodes.Node command = run.nodes().commandSide("big", big.dataDir(), big.nodeArgs(List.of()))) {
            command.awaitReady(Duration.ofMinutes(3));
            lag.onOneStore(command, query, bigHistory, described);
        }
    }
}
