package jp.consentledger.bench.suite;

import jp.consentledger.bench.history.GenerateHistory;
import jp.consentledger.bench.history.GeneratedHistory;
import jp.consentledger.bench.history.HistoryGenerator;
import jp.consentledger.bench.history.Progress;
import jp.consentledger.bench.history.Store;
import jp.consentledger.bench.nodes.EmbeddedDefault;
import jp.consentledger.bench.nodes.LedgerNodes;
import jp.consentledger.bench.report.Machine;
import jp.consentledger.bench.report.Results;
import jp.consentledger.kernel.token.TokenHasher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One run of the suite, as every measure sees it: its plan, the measures asked for, where its results,
 * logs and scratch stores go (bench-results/&lt;timestamp&gt;/, its logs/, and bench-results/tmp/&lt;timestamp&gt;/),
 * and the results it collects.
 */
public final class SuiteRun {
    private static final PrintStream OUT = System.out;

    private final Path repository;
    private final Path folder;
    private final Path logs;
    private final Path tmp;
    private final Plan plan;
    private final Set<Integer> only;
    private final Results results;

    public SuiteRun(Path repository, Plan plan, Set<Integer> only) throws Exception {
        this.repository = repository;
        this.plan = plan;
        this.only = only;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        this.folder = repository.resolve("bench-results").resolve(stamp);
        this.logs = folder.resolve("logs");
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
        settings.put("versions", "Spring Boot 3.5.16, Axon Framework 4.12.2, JMH 1.37, HdrHistogram 2.2.2");
        settings.put("loadGenerator", "open model (constant arrival rate, latency from intended send time), raw HTTP/1.1"
                + " keep-alive sockets, one request in flight per connection, on the same 2 cores as the server");
        this.results = new Results(Machine.describe(repository), settings);
    }

    public boolean runs(int measure) {
        return only.isEmpty() || only.contains(measure);
    }

    /** Where the run's progress is printed. */
    public PrintStream console() {
        return OUT;
    }

    public Plan plan() {
        return plan;
    }

    public Results results() {
        return results;
    }

    public Path repository() {
        return repository;
    }

    /** bench-results/&lt;timestamp&gt;/: results.md, results.json and the logs. */
    public Path folder() {
        return folder;
    }

    public Path logs() {
        return logs;
    }

    /** The scratch folder of this run's stores, deleted when it ends. */
    public Path scratch(String name) {
        return tmp.resolve(name);
    }

    /** The ledger's processes, logging into this run's logs. */
    public LedgerNodes nodes() {
        return new LedgerNodes(repository, logs);
    }

    /**
     * The embedded default's store, started on a fresh scratch folder {@code name}; the caller stops it. Its
     * own output goes to the run's logs.
     */
    public EmbeddedDefault embeddedStore(String name) throws Exception {
        return EmbeddedDefault.start(repository, scratch(name), logs.resolve(name + "-embedded-store.log"), Duration.ofMinutes(2));
    }

    /** {@code store}, fresh, filled with a history of {@code linkages} tokens. */
    public GeneratedHistory generate(Store store, int linkages) throws Exception {
        TokenHasher hasher = new TokenHasher(LedgerNodes.TOKEN_SECRET.getBytes(StandardCharsets.UTF_8));
        return GenerateHistory.generate(repository, store, new HistoryGenerator.Shape(linkages, linkages), hasher,
                Instant.now(), new Progress(System.err, true));
    }

    /** The run's generated stores are scratch: left behind, a few full runs would fill the disk. */
    public void deleteScratch() throws IOException {
        if (Files.isDirectory(tmp)) {
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
