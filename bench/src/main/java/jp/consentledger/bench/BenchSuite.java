package jp.consentledger.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.consentledger.bench.asof.AsOfBench;
import jp.consentledger.bench.commands.CommandBench;
import jp.consentledger.bench.history.GenerateHistory;
import jp.consentledger.bench.history.GeneratedHistory;
import jp.consentledger.bench.history.Progress;
import jp.consentledger.bench.history.StoreSchema;
import jp.consentledger.bench.inprocess.InProcessBench;
import jp.consentledger.bench.lag.RevocationLag;
import jp.consentledger.bench.load.OpenLoad;
import jp.consentledger.bench.load.RateSearch;
import jp.consentledger.bench.nodes.HeapUse;
import jp.consentledger.bench.nodes.LedgerNodes;
import jp.consentledger.bench.replay.ReplayBench;
import jp.consentledger.bench.report.JfrProfile;
import jp.consentledger.bench.report.Machine;
import jp.consentledger.bench.report.Results;
import jp.consentledger.bench.tokencheck.KeycloakPeer;
import jp.consentledger.bench.tokencheck.TokenCheckLoad;
import jp.consentledger.bench.tokencheck.WrkCrossCheck;
import jp.consentledger.kernel.token.TokenHasher;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The benchmark suite: every figure of BENCHMARKS.md, each beside its peer or physical ceiling
 * measured in the same run. Started by {@code bin/bench [--quick] [--only=1,2,...]} from the
 * repository root; writes bench-results/&lt;timestamp&gt;/results.md and results.json and prints
 * the summary table.
 */
public final class BenchSuite {
    private static final PrintStream OUT = System.out;

    /**
     * How big and how long: the full run fits in 30 minutes on 2 cores, the quick one in 5. The JIT
     * warm-up before each HTTP ladder is long because on a shared 2-core machine C2 needs about a
     * minute of load to compile a Spring request path: after 3 seconds a token check still cost
     * 700-1,000 µs of CPU, against under 200 µs once compiled. The quick run is a smoke run of every
     * measure: short phases, no profiles. The full run's replay budget is what keeps it inside 30
     * minutes: past it, the replay's position is reported and that node stops (token checks and the
     * revocation lag then run on a settled gateway-role node, which replays token validity alone).
     */
    record Plan(String mode, int bigLinkages, int smallLinkages, InProcessBench.Settings jmh,
                TokenCheckLoad.Settings load, double ledgerStartRate, double keycloakStartRate, List<Integer> concurrencies,
                Duration commandPhase, Duration rawPhase, int lagSamples, double asOfRate, Duration asOfMeasure,
                Duration replayBudget, boolean profiles) {
        static Plan of(boolean quick) {
            if (quick) {
                return new Plan("quick", 12_000, 5_000,
                        new InProcessBench.Settings(100_000, 1, 1, TimeValue.seconds(1)),
                        new TokenCheckLoad.Settings(32, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(6)),
                        4_000, 500, List.of(1, 4, 16, 64), Duration.ofSeconds(1), Duration.ofSeconds(1), 20, 100,
                        Duration.ofSeconds(2), Duration.ofMinutes(4), false);
            }
            return new Plan("full", 1_000_000, 48_000,
                    new InProcessBench.Settings(1_000_000, 3, 5, TimeValue.seconds(2)),
                    new TokenCheckLoad.Settings(32, Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(60)),
                    4_000, 500, List.of(1, 4, 16, 64), Duration.ofSeconds(6), Duration.ofSeconds(4), 200, 200,
                    Duration.ofSeconds(15), Duration.ofMinutes(4), true);
        }
    }

    private final Path repository;
    private final Path out;
    private final Path logs;
    private final Path tmp;
    private final Plan plan;
    private final Set<Integer> only;
    private final Results results;

    private BenchSuite(Path repository, Plan plan, Set<Integer> only) throws Exception {
        this.repository = repository;
        this.plan = plan;
        this.only = only;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        this.out = repository.resolve("bench-results").resolve(stamp);
        this.logs = out.resolve("logs");
        this.tmp = repository.resolve("bench-results/tmp").resolve(stamp);
        Files.createDirectories(logs);
        Files.createDirectories(tmp);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("startedAt", stamp);
        settings.put("mode", plan.mode());
        settings.put("measures", only.isEmpty() ? "all" : only.toString());
        settings.put("plan", plan.toString());
        settings.put("ledgerJvm", "command side " + LedgerNodes.COMMAND_JVM + ", query side " + LedgerNodes.QUERY_JVM
                + ", both " + LedgerNodes.COMMON_ARGS);
        settings.put("versions", "Spring Boot 3.5.16, Axon Framework 4.12.2, H2 " + org.h2.engine.Constants.VERSION
                + ", JMH 1.37, HdrHistogram 2.2.2");
        settings.put("loadGenerator", "open model (constant arrival rate, latency from intended send time), raw HTTP/1.1"
                + " keep-alive sockets, one request in flight per connection, on the same 2 cores as the server");
        this.results = new Results(Machine.describe(repository), settings);
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        Set<Integer> only = Arrays.stream(args).filter(a -> a.startsWith("--only="))
                .flatMap(a -> Arrays.stream(a.substring(7).split(","))).map(String::trim).map(Integer::parseInt)
                .collect(Collectors.toCollection(TreeSet::new));
        BenchSuite suite = new BenchSuite(Path.of("").toAbsolutePath(), Plan.of(quick), only);
        long start = System.nanoTime();
        try {
            suite.runAll();
        } finally {
            suite.results.settings().put("loadAverageAtEnd", Machine.loadAverage());
            suite.results.settings().put("duration", Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
            suite.results.settings().put("h2FilesAtEnd", suite.h2FileSizes());
            suite.results.write(suite.out);
            suite.deleteScratch();
            OUT.println();
            OUT.println(suite.results.summaryTable());
            OUT.println("Results: " + suite.out.resolve("results.md") + " and results.json");
        }
    }

    /**
     * The H2 files the run leaves, by store: a replay with {@code WRITE_DELAY=0} grows a file far beyond
     * its data (a 2.08-million-event store compacted to under 1 GB reached 38 GB), which the report shows.
     */
    private Map<String, String> h2FileSizes() throws IOException {
        Map<String, String> sizes = new TreeMap<>();
        if (Files.isDirectory(tmp)) {
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".mv.db")).toList()) {
                    sizes.put(tmp.relativize(file).toString(), String.format("%,d MB", Files.size(file) >> 20));
                }
            }
        }
        return sizes;
    }

    /** The run's generated stores are scratch: left behind, a few full runs would fill the disk. */
    private void deleteScratch() throws IOException {
        if (Files.isDirectory(tmp)) {
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private boolean runs(int measure) {
        return only.isEmpty() || only.contains(measure);
    }

    private void runAll() throws Exception {
        OUT.printf("Benchmark (%s): machine %s, results in %s%n", plan.mode(), Machine.loadAverage(), out);
        if (Machine.load1() > 1.5) {
            OUT.println("WARNING: the 1-minute load average is " + Machine.load1()
                    + ": other work is running, so the figures will be distorted.");
        }
        if (runs(1)) {
            step("1. token check in process (JMH)", () -> InProcessBench.run(plan.jmh(), results, out));
        }
        if (runs(2) || runs(4) || runs(5) || runs(6)) {
            step("2, 4, 5, 6 on a store of " + plan.bigLinkages() + " tokens", this::onBigStore);
        }
        if (runs(2)) {
            step("2. the peer: Keycloak token introspection", this::keycloak);
        }
        if (runs(3)) {
            step("3. commands on the embedded default (H2)", this::commandsOnH2);
        }
        if (runs(3) || runs(4)) {
            step("3 and 4b. commands and the multi-node revocation lag on PostgreSQL", this::commandsOnPostgres);
        }
        if (runs(6)) {
            step("6. state as of an instant on a smaller store", this::asOfSmall);
        }
    }

    interface Step {
        void run() throws Exception;
    }

    private void step(String name, Step step) {
        OUT.println();
        OUT.println("== " + name + " (load average " + Machine.loadAverage() + ")");
        long start = System.nanoTime();
        try {
            step.run();
        } catch (Exception | Error e) {
            OUT.println("  FAILED: " + e);
            e.printStackTrace(OUT);
            results.section("### Failure in " + name + "\n\n```\n" + e + "\n```\n");
        }
        OUT.printf("  (%d s)%n", Duration.ofNanos(System.nanoTime() - start).toSeconds());
    }

    // ---- the big store: measures 5, 2 (ours), 4, 6 ---------------------------------------------

    private GeneratedHistory bigHistory;
    private RateSearch.Ladder ledgerLadder;
    private long asOfAvailableEvents = -1;

    private void onBigStore() throws Exception {
        Path dataDir = tmp.resolve("big");
        OUT.printf("  generating a history of %,d tokens...%n", plan.bigLinkages());
        long generating = System.nanoTime();
        bigHistory = generate(dataDir, plan.bigLinkages());
        double seconds = (System.nanoTime() - generating) / 1e9;
        OUT.printf("  %s in %.0f s%n", bigHistory.counts(), seconds);
        results.raw("bigStore", Map.of("counts", bigHistory.counts(), "generationSeconds", seconds));
        long events = bigHistory.counts().events();
        String url = StoreSchema.h2Url(dataDir);
        ReplayBench.RawRead raw = null;
        if (runs(5)) {
            // The store's ceiling, read while no node holds the file: an embedded, sequential read.
            raw = ReplayBench.rawRead(url);
            OUT.printf("  raw read: %,.0f events/s, with deserialization %,.0f/s%n", raw.readPerSecond(),
                    raw.readAndDeserializePerSecond());
        }
        LedgerNodes nodes = new LedgerNodes(repository, logs);
        // A full query node replays every read model (5), then answers "as of" wherever its audit index has
        // got to (6b). Token checks and revocation lag (2a, 4a) need a settled node: that one if its replay
        // finished within the budget (the quick run's), otherwise a gateway-role query node (token validity
        // only, as a bank would put behind its API gateway) started once the replaying node has stopped,
        // since whatever runs beside a replay measures the replay.
        // A query node opens the H2 file first, so it replays from the file itself; the command side joins over
        // H2's TCP server (AUTO_SERVER), which serves a replay's full rows at only a few thousand a second
        // (BENCHMARKS.md) but costs a command's few statements little.
        // It also saves the token-validity snapshot a gateway node starts from (measure 8), as soon as its model is settled.
        try (LedgerNodes.Node query = nodes.querySide("big", dataDir, List.of("--ledger.token-validity.snapshot-interval=PT10S"))) {
            ReplayBench.Replay replay = ReplayBench.measure(query, url, events, plan.replayBudget(), OUT);
            OUT.printf("  replay: %,.0f events/s for all read models (token validity %,.0f/s), %.1f s%n",
                    replay.allPerSecond(), replay.tokenValidityPerSecond(), replay.all().toMillis() / 1e3);
            if (raw != null) {
                ReplayBench.report(replay, raw, results);
            }
            if (runs(6)) {
                // The target is stated at 1 million events in the store: the index must hold as many (never
                // in the quick run, whose big store is small).
                // No waiting for the replay: the measure runs wherever the index has got to.
                asOf("6b", query, bigHistory, url, 1_000_000, 0, Duration.ofMinutes(1));
            }
            if (replay.complete() && !runs(8)) {
                tokenChecksAndLag(nodes, dataDir, query, "full query node, every read model caught up");
                return;
            }
            if (runs(8)) {
                awaitSnapshot(url, Duration.ofMinutes(10));
            }
        }
        if (!runs(2) && !runs(4) && !runs(8)) {
            return;
        }
        long starting = System.nanoTime();
        try (LedgerNodes.Node gateway = nodes.querySide("big-gateway", dataDir, List.of("--ledger.role=gateway"))) {
            gateway.awaitReady(Duration.ofMinutes(8));
            double ready = (System.nanoTime() - starting) / 1e9;
            long snapshotAt = snapshotPosition(url);
            String start = snapshotAt < 0 ? String.format("replayed all %,d events", events)
                    : String.format("loaded the snapshot at position %,d, then read the %,d events after it", snapshotAt,
                    Math.max(0, events - snapshotAt));
            OUT.printf("  gateway node ready after %.1f s: %s%n", ready, start);
            results.raw("gatewayNodeStart", Map.of("events", events, "readySeconds", ready, "snapshotPosition", snapshotAt));
            if (runs(8)) {
                long heap = HeapUse.afterFullGc(gateway.process().pid());
                results.raw("gatewayNodeHeap", Map.of("linkages", bigHistory.linkages(), "heapUsedBytes", heap));
                results.row("8", String.format("A gateway node holding %,d tokens: ready after its process starts (it %s);"
                                + " heap in use after a full GC (the whole node: tokens and the application)",
                                bigHistory.linkages(), start),
                        String.format("ready in %.1f s; heap %,d MB", ready, heap / (1024 * 1024)), "—", "—", "≤ 10 s",
                        ready <= 10 ? Results.Verdict.MET : Results.Verdict.MISSED, null);
            }
            tokenChecksAndLag(nodes, dataDir, gateway, String.format("gateway-role query node (token validity only;"
                    + " ready %.0f s after its process started: it %s), settled", ready, start));
        }
    }

    /** The full node saves the snapshot once its token-validity model has caught up (every 10 s here). */
    private static void awaitSnapshot(String url, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (snapshotPosition(url) < 0 && System.nanoTime() < deadline) {
            Thread.sleep(1_000); // polling another process's database, outside any test
        }
    }

    /** -1 when the store holds no snapshot. */
    private static long snapshotPosition(String url) throws java.sql.SQLException {
        try (var connection = java.sql.DriverManager.getConnection(url, "sa", "");
             var rs = connection.createStatement().executeQuery(
                     "SELECT COALESCE(MAX(event_position), -1) FROM read_model.qry_token_validity_snapshot")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException noTableYet) {
            return -1;
        }
    }

    /** 2a and 4a on a settled query node, {@code described} in their rows, with a command side on the same store. */
    private void tokenChecksAndLag(LedgerNodes nodes, Path dataDir, LedgerNodes.Node query, String described)
            throws Exception {
        if (!runs(2) && !runs(4)) {
            return;
        }
        try (LedgerNodes.Node command = nodes.commandSide("big", dataDir, List.of())) {
            command.awaitReady(Duration.ofMinutes(3));
            if (runs(2)) {
                ledgerTokenChecks(query, described);
            }
            if (runs(4)) {
                Histogram lag = RevocationLag.measure(command, command, query, bigHistory.currentTerms().value(),
                        plan.lagSamples(), OUT);
                RevocationLag.report("4a", String.format("same store: one command side and one %s, on the embedded"
                        + " default, %,d tokens in the model", described, bigHistory.linkages()), lag, plan.lagSamples(), results);
            }
        }
    }

    private GeneratedHistory generate(Path dataDir, int linkages) throws Exception {
        TokenHasher hasher = new TokenHasher(LedgerNodes.TOKEN_SECRET.getBytes(StandardCharsets.UTF_8));
        return GenerateHistory.generateH2(repository, dataDir, linkages, hasher, new Progress(System.err, true));
    }

    private void ledgerTokenChecks(LedgerNodes.Node query, String described) throws Exception {
        OpenLoad.Target target = TokenCheckLoad.ledgerTarget(query.port(), LedgerNodes.GATEWAY, bigHistory);
        Path recording = logs.resolve("query-side-token-checks.jfr");
        long pid = query.process().pid();
        if (plan.profiles()) {
            JfrProfile.start(pid, recording);
        }
        ledgerLadder = TokenCheckLoad.climb("ledger", target, plan.load(), plan.ledgerStartRate(), 60_000, OUT);
        results.raw("tokenChecksLedger", ledgerLadder);
        results.section("### Measure 2: the ledger's token checks, step by step (" + String.format("%,d", bigHistory.linkages())
                + " tokens in the model, " + plan.load().connections() + " connections)\n\n"
                + TokenCheckLoad.ladderTable("ledger", ledgerLadder));
        if (plan.profiles()) {
            JfrProfile.stop(pid);
            JfrProfile.Summary profile = JfrProfile.summarise(recording);
            results.raw("tokenChecksLedgerProfile", profile);
            results.section(profile.markdown("the query side (" + described + ") during the token-check ladder"));
        }
        OpenLoad.StepResult best = ledgerLadder.best();
        results.row("2a", String.format("HTTP token checks, gateway-authenticated, %,d tokens in the model, on a %s",
                        bigHistory.linkages(), described),
                best == null ? "p99 > 5 ms even at the lowest rate"
                        : String.format("%,.0f checks/s at p99 %.1f ms (saturates at %,.0f/s)", best.offeredPerSecond(),
                        best.p99() / 1e3, ledgerLadder.saturationPerSecond()),
                "see 2b", "—", "≥ 15,000/s with p99 ≤ 5 ms",
                best != null && best.offeredPerSecond() >= 15_000 ? Results.Verdict.MET : Results.Verdict.MISSED, null);
        introspection(query, described);
        wrkCrossCheck(query);
    }

    /** 2a for RFC 7662 introspection: the same tokens, as a gateway's resource server asks. */
    private void introspection(LedgerNodes.Node query, String described) throws Exception {
        OpenLoad.Target target = TokenCheckLoad.introspectionTarget(query.port(), LedgerNodes.GATEWAY,
                TokenCheckLoad.introspectionBodies(bigHistory));
        RateSearch.Ladder ladder = TokenCheckLoad.climb("introspection", target, plan.load(), plan.ledgerStartRate(), 60_000, OUT);
        results.raw("tokenIntrospectionLedger", ladder);
        results.section("### Measure 2: the ledger's RFC 7662 introspection, step by step\n\n"
                + TokenCheckLoad.ladderTable("introspection", ladder));
        OpenLoad.StepResult best = ladder.best();
        results.row("2a-i", String.format("HTTP RFC 7662 introspection, gateway-authenticated, %,d tokens, on a %s",
                        bigHistory.linkages(), described),
                best == null ? "p99 > 5 ms even at the lowest rate"
                        : String.format("%,.0f introspections/s at p99 %.1f ms (saturates at %,.0f/s)", best.offeredPerSecond(),
                        best.p99() / 1e3, ladder.saturationPerSecond()),
                "—", "—", "≥ 15,000/s with p99 ≤ 5 ms",
                best != null && best.offeredPerSecond() >= 15_000 ? Results.Verdict.MET : Results.Verdict.MISSED, null);
    }

    /** The same two questions through wrk, a load tool written by others, in the same run. */
    private void wrkCrossCheck(LedgerNodes.Node query) throws Exception {
        Duration duration = plan.load().measure();
        int connections = plan.load().connections();
        Optional<WrkCrossCheck.Result> checks = WrkCrossCheck.run(query.port(), "/api/v1/token-checks", LedgerNodes.GATEWAY,
                "application/json", TokenCheckLoad.bodies(bigHistory), connections, duration, logs);
        if (checks.isEmpty()) {
            results.notRun("2a-wrk", "The same checks through wrk", "cross-check of 2a", "wrk is not installed (bin/bench installs it as root)");
            return;
        }
        Optional<WrkCrossCheck.Result> introspections = WrkCrossCheck.run(query.port(), "/api/v1/token-introspection",
                LedgerNodes.GATEWAY, TokenCheckLoad.FORM, TokenCheckLoad.introspectionBodies(bigHistory), connections, duration, logs);
        OUT.printf("  wrk: checks %s; introspection %s%n", checks.get().summary(), introspections.get().summary());
        results.raw("wrkTokenChecks", Map.of("requestsPerSecond", checks.get().requestsPerSecond(), "p99Micros", checks.get().p99Micros(),
                "non2xx", checks.get().non2xx(), "connections", connections));
        results.raw("wrkIntrospection", Map.of("requestsPerSecond", introspections.get().requestsPerSecond(),
                "p99Micros", introspections.get().p99Micros(), "non2xx", introspections.get().non2xx(), "connections", connections));
        results.row("2a-wrk", "The same checks and introspections through wrk (closed loop, " + connections + " connections)",
                "checks: " + checks.get().summary() + "; introspection: " + introspections.get().summary(),
                "—", "—", "cross-check of 2a", Results.Verdict.INFO, null);
    }

    private void keycloak() throws Exception {
        Optional<Path> zip = KeycloakPeer.distribution(repository);
        Optional<Path> javaHome = KeycloakPeer.javaHome();
        if (zip.isEmpty() || javaHome.isEmpty()) {
            results.notRun("2b", "Keycloak token introspection, same load", "ours ≥ 15× Keycloak",
                    zip.isEmpty() ? "distribution not fetched (bin/bench runs dependency:copy@keycloak-dist)"
                            : "no Java 21+ for Keycloak (set KEYCLOAK_JAVA_HOME)");
            return;
        }
        try (KeycloakPeer peer = KeycloakPeer.start(zip.get(), repository.resolve("bench-results/tmp"), javaHome.get(),
                logs.resolve("keycloak.log"), Duration.ofMinutes(4))) {
            OUT.println("  " + peer.description());
            Path recording = logs.resolve("keycloak-introspection.jfr");
            long pid = peer.jvmPid();
            boolean profiled = plan.profiles() && tryStartJfr(pid, recording);
            RateSearch.Ladder ladder = TokenCheckLoad.climb("keycloak", peer.target(), plan.load(), plan.keycloakStartRate(),
                    60_000, OUT);
            if (profiled) {
                JfrProfile.stop(pid);
                JfrProfile.Summary profile = JfrProfile.summarise(recording);
                results.raw("keycloakProfile", profile);
                results.section(profile.markdown("Keycloak during the introspection ladder"));
            }
            results.raw("tokenChecksKeycloak", ladder);
            results.section("### Measure 2: Keycloak token introspection, step by step\n\n" + peer.description() + "\n\n"
                    + TokenCheckLoad.ladderTable("Keycloak", ladder));
            double ours = ledgerLadder == null ? 0 : ledgerLadder.bestRate();
            double theirs = ladder.bestRate();
            String ratio = theirs > 0 && ours > 0 ? String.format("%.1f×", ours / theirs) : "—";
            results.row("2b", "Same load against Keycloak token introspection (RFC 7662)",
                    ledgerLadder == null ? "not measured in this run" : String.format("%,.0f/s", ours),
                    theirs > 0 ? String.format("%,.0f/s at p99 %.1f ms (saturates at %,.0f/s)", theirs,
                            ladder.best().p99() / 1e3, ladder.saturationPerSecond())
                            : String.format("p99 > 5 ms at every rate (saturates at %,.0f/s)", ladder.saturationPerSecond()),
                    ratio, "ours ≥ 15× Keycloak at p99 ≤ 5 ms",
                    // With no rate of Keycloak's holding the target there is no ratio to judge.
                    theirs == 0 ? Results.Verdict.INFO : ours >= 15 * theirs ? Results.Verdict.MET : Results.Verdict.MISSED,
                    peer.description());
        }
    }

    private boolean tryStartJfr(long pid, Path recording) {
        try {
            JfrProfile.start(pid, recording);
            return true;
        } catch (Exception e) {
            OUT.println("  (no profile of the peer: " + e.getMessage().trim() + ")");
            return false;
        }
    }

    // ---- commands: measure 3 -----------------------------------------------------------------------

    private void commandsOnH2() throws Exception {
        Path dataDir = tmp.resolve("commands-h2");
        Path rawDir = tmp.resolve("raw-h2");
        String rawUrl = StoreSchema.h2Url(rawDir);
        StoreSchema.migrateCommandSide(repository, "h2", rawUrl, "sa", "");
        LedgerNodes nodes = new LedgerNodes(repository, logs);
        List<CommandBench.Level> levels = new ArrayList<>();
        try (LedgerNodes.Node command = nodes.commandSide("commands-h2", dataDir, List.of())) {
            command.awaitReady(Duration.ofMinutes(3));
            levels = commandLevels("H2", command, rawUrl, "sa", "");
        } finally {
            results.raw("commandsH2", levels);
        }
        results.section("### Measure 3: commands on the embedded default (H2 file, WRITE_DELAY=0), closed loop\n\n"
                + CommandBench.table("H2", levels));
        reportCommands("3a", "H2 embedded default", levels, false);
    }

    private List<CommandBench.Level> commandLevels(String store, LedgerNodes.Node command, String rawUrl, String user,
                                                   String password) throws Exception {
        int maxConcurrency = plan.concurrencies().stream().mapToInt(Integer::intValue).max().orElse(1);
        CommandBench.Fixture fixture = CommandBench.setUp(command, 20, Math.max(200, maxConcurrency * 8));
        // Warm the command side's JIT before measuring.
        CommandBench.grants(command, fixture, 4, plan.commandPhase());
        List<CommandBench.Level> levels = new ArrayList<>();
        for (int concurrency : plan.concurrencies()) {
            boolean profile = plan.profiles() && concurrency == 16;
            Path recording = logs.resolve("command-side-" + store.toLowerCase() + "-c16.jfr");
            if (profile) {
                JfrProfile.start(command.process().pid(), recording);
            }
            CommandBench.Phase grants = CommandBench.grants(command, fixture, concurrency, plan.commandPhase());
            if (profile) {
                JfrProfile.stop(command.process().pid());
                JfrProfile.Summary summary = JfrProfile.summarise(recording);
                results.raw("commands" + store + "Profile", summary);
                results.section(summary.markdown("command side (" + store + ") granting at concurrency 16"));
            }
            CommandBench.Phase revocations = CommandBench.revocations(command, fixture, concurrency, plan.commandPhase());
            CommandBench.Phase raw = CommandBench.rawInserts(rawUrl, user, password, concurrency, plan.rawPhase());
            CommandBench.Level level = new CommandBench.Level(concurrency, grants, revocations, raw);
            CommandBench.log(OUT, store, level);
            levels.add(level);
        }
        return levels;
    }

    private void reportCommands(String id, String store, List<CommandBench.Level> levels, boolean absoluteTarget) {
        CommandBench.Level best = levels.stream().max((a, b) -> Double.compare(a.grants().perSecond(), b.grants().perSecond()))
                .orElseThrow();
        boolean met = best.grants().perSecond() >= 2_500 && best.grants().p99() <= 25_000;
        results.row(id, "GrantLinkage on " + store + ", best of concurrency " + plan.concurrencies(),
                String.format("%,.0f cmd/s at c=%d, p99 %.1f ms; revocation commands %,.0f/s", best.grants().perSecond(),
                        best.concurrency(), best.grants().p99() / 1e3, best.revocations().perSecond()),
                String.format("raw durable insert loop %,.0f rows/s at c=%d, p99 %.1f ms", best.rawInserts().perSecond(),
                        best.concurrency(), best.rawInserts().p99() / 1e3),
                String.format("%.2f× of raw", best.grants().perSecond() / best.rawInserts().perSecond()),
                absoluteTarget ? "≥ 2,500 cmd/s, p99 ≤ 25 ms, ratio to raw" : "ratio to raw (2,500 cmd/s target is for PostgreSQL)",
                absoluteTarget ? (met ? Results.Verdict.MET : Results.Verdict.MISSED) : Results.Verdict.INFO, null);
    }

    private void commandsOnPostgres() throws Exception {
        Path pgDir = tmp.resolve("postgres");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(pgDir).setCleanDataDirectory(true)
                // durable, like the embedded H2: the zonky default turns synchronous commit off
                .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on").start()) {
            String version;
            try (var connection = postgres.getPostgresDatabase().getConnection()) {
                version = connection.getMetaData().getDatabaseProductVersion();
            }
            OUT.println("  embedded PostgreSQL " + version + " on port " + postgres.getPort());
            results.settings().put("postgres", "embedded PostgreSQL " + version + " (io.zonky.test), fsync=on, synchronous_commit=on");
            String rawUrl = postgres.getJdbcUrl("postgres", "postgres");
            try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE raw");
                statement.execute("CREATE DATABASE ledger");
            }
            String raw = postgres.getJdbcUrl("postgres", "raw");
            StoreSchema.migrateCommandSide(repository, "postgresql", raw, "postgres", "postgres");
            LedgerNodes nodes = new LedgerNodes(repository, logs);
            List<String> onPostgres = new ArrayList<>(List.of("--spring.profiles.active=postgres",
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "ledger"),
                    "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                    "--ledger.security.demo-users-enabled=true"));
            onPostgres.addAll(LedgerNodes.realSecrets()); // the postgres profile refuses the published demo keys
            try (LedgerNodes.Node command = nodes.commandSide("commands-pg", tmp.resolve("commands-pg"), onPostgres)) {
                command.awaitReady(Duration.ofMinutes(3));
                if (runs(3)) {
                    List<CommandBench.Level> levels = new ArrayList<>();
                    try {
                        levels = commandLevels("PostgreSQL", command, raw, "postgres", "postgres");
                    } finally {
                        results.raw("commandsPostgres", levels);
                    }
                    results.section("### Measure 3: commands on PostgreSQL (embedded, durable), closed loop\n\n"
                            + CommandBench.table("PostgreSQL", levels));
                    reportCommands("3b", "PostgreSQL", levels, true);
                }
                if (runs(4)) {
                    lagAcrossNodes(nodes, command, onPostgres);
                }
            }
        }
    }

    /**
     * Measure 4b: the bank's multi-node deployment on PostgreSQL, two command nodes and two query
     * nodes, each its own JVM: grants through one command node, the revocation through the other,
     * and the token checked at a query node that shares nothing with either but the event table.
     */
    private void lagAcrossNodes(LedgerNodes nodes, LedgerNodes.Node command1, List<String> onPostgres) throws Exception {
        try (LedgerNodes.Node command2 = nodes.commandSide("lag-pg-2", tmp.resolve("lag-pg-2"), onPostgres);
             LedgerNodes.Node query1 = nodes.querySide("lag-pg-1", tmp.resolve("lag-pg-1"), onPostgres);
             LedgerNodes.Node query2 = nodes.querySide("lag-pg-2", tmp.resolve("lag-pg-2q"), onPostgres)) {
            command2.awaitReady(Duration.ofMinutes(3));
            query1.awaitReady(Duration.ofMinutes(5));
            query2.awaitReady(Duration.ofMinutes(5));
            String terms = CommandBench.publishTerms(command1);
            Histogram lag = RevocationLag.measure(command1, command2, query2, terms, plan.lagSamples(), OUT);
            RevocationLag.report("4b", "across nodes: granted on command node 1, revoked on command node 2, checked on"
                    + " query node 2 of 2 (PostgreSQL)", lag, plan.lagSamples(), results);
        }
    }

    // ---- as of: measure 6 --------------------------------------------------------------------------

    /**
     * Measure 6 at the audit index's horizon: on the big store the index is still replaying (it replays
     * its own JDBC rows, far slower than token validity), so the row says how many events it held.
     */
    private void asOf(String id, LedgerNodes.Node query, GeneratedHistory history, String url, long requiredIndexed,
                      long wantedIndexed, Duration patience) throws Exception {
        AsOfBench.Horizon horizon = AsOfBench.awaitHorizon(url, history, wantedIndexed, patience, OUT);
        if (horizon.eligibleLinkages() == 0) {
            String why = String.format("the audit index held no linkage after %d s (%,d of %,d events)",
                    patience.toSeconds(), horizon.indexed(), horizon.storeEvents());
            results.notRun(id, String.format("State as of an instant, one linkage, %,d events", history.counts().events()),
                    "p99 ≤ 5 ms, flat in store size", why);
            OUT.println("  state as of: " + why);
            return;
        }
        asOfAvailableEvents = history.counts().events();
        List<AsOfBench.Question> questions = AsOfBench.questions(history, horizon.at(), 20_000, new SplittableRandom(3));
        List<String> wrong = AsOfBench.disagreements(query, history, questions, horizon.knownAt());
        wrong.stream().limit(5).forEach(w -> OUT.println("  state as of, wrong answer: " + w));
        OpenLoad.StepResult step = AsOfBench.measure(query, history, questions, horizon.knownAt(), plan.asOfRate(), Duration.ofSeconds(2),
                plan.asOfMeasure());
        OUT.printf("  state as of (audit index at %,d of %,d events): p50 %,.0f µs, p99 %,.0f µs, %,d errors, %d wrong answers%n",
                horizon.indexed(), horizon.storeEvents(), step.p50(), step.p99(), step.errors(), wrong.size());
        AsOfBench.report(id, horizon, requiredIndexed, step, wrong, results);
    }

    private void asOfSmall() throws Exception {
        if (asOfAvailableEvents < 0) {
            results.notRun("6a", "State as of an instant, one linkage, ~100,000 events", "p99 ≤ 5 ms, flat in store size",
                    "not available in this build (see 6b)");
            return;
        }
        Path dataDir = tmp.resolve("small");
        GeneratedHistory small = generate(dataDir, plan.smallLinkages());
        // Only the query side answers "as of"; no command side is needed on a store that does not change.
        try (LedgerNodes.Node query = new LedgerNodes(repository, logs).querySide("small", dataDir, List.of())) {
            query.awaitReady(Duration.ofMinutes(5));
            // The small store stands for "at 100 thousand events": its index replays in about a minute alone,
            // so the measure waits for all of it, within bounds.
            long events = small.counts().events();
            asOf("6a", query, small, StoreSchema.h2Url(dataDir), events, events, Duration.ofMinutes(2));
        }
    }
}
