package jp.consentledger.bench.suite;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.consentledger.bench.commands.CommandBench;
import jp.consentledger.bench.history.Store;
import jp.consentledger.bench.history.StoreSchema;
import jp.consentledger.bench.nodes.EmbeddedDefault;
import jp.consentledger.bench.nodes.LedgerNodes;
import jp.consentledger.bench.report.JfrProfile;
import jp.consentledger.bench.report.Results;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measure 3: commands, closed loop at each concurrency, beside a raw durable insert loop on the same
 * database: on the embedded default (3a, the embedded-store process) and on a PostgreSQL started by the
 * suite (3b), whose store then serves 4b.
 */
public final class CommandMeasure {
    private final SuiteRun run;
    private final PrintStream out;
    private final RevocationLagMeasure lag;

    public CommandMeasure(SuiteRun run, RevocationLagMeasure lag) {
        this.run = run;
        this.out = run.console();
        this.lag = lag;
    }

    /**
     * 3a on the embedded default as bin/run-embedded runs it (the embedded-store process); the raw loop writes
     * a database of its own on the same PostgreSQL.
     */
    public void onEmbeddedDefault() throws Exception {
        try (EmbeddedDefault embedded = run.embeddedStore("commands-embedded")) {
            Store store = embedded.store();
            try (var connection = store.connect(); var statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE raw");
            }
            String rawUrl = store.url().substring(0, store.url().lastIndexOf('/') + 1) + "raw";
            StoreSchema.migrateCommandSide(run.repository(), "postgresql", rawUrl, store.user(), store.password());
            List<CommandBench.Level> levels = new ArrayList<>();
            try (LedgerNodes.Node command = run.nodes().commandSide("commands-embedded", embedded.dataDir(),
                    embedded.nodeArgs(List.of()))) {
                command.awaitReady(Duration.ofMinutes(3));
                levels = levels("embedded", command, rawUrl, store.user(), store.password());
            } finally {
                run.results().raw("commandsEmbedded", levels);
            }
            run.results().section("### Measure 3: commands on the embedded default (its own PostgreSQL, durable), closed loop\n\n"
                    + CommandBench.table("embedded default", levels));
            report("3a", "the embedded default", levels, 1_000, Double.MAX_VALUE, 0.25, "≥ 1,000 cmd/s, ≥ 25% of raw");
        }
    }

    public void onPostgres() throws Exception {
        Path pgDir = run.scratch("postgres");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(pgDir).setCleanDataDirectory(true)
                // durable, like the embedded H2: the zonky default turns synchronous commit off
                .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on").start()) {
            String version;
            try (var connection = postgres.getPostgresDatabase().getConnection()) {
                version = connection.getMetaData().getDatabaseProductVersion();
            }
            out.println("  embedded PostgreSQL " + version + " on port " + postgres.getPort());
            run.results().settings().put("postgres", "embedded PostgreSQL " + version + " (io.zonky.test), fsync=on, synchronous_commit=on");
            try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE raw");
                statement.execute("CREATE DATABASE ledger");
            }
            String raw = postgres.getJdbcUrl("postgres", "raw");
            StoreSchema.migrateCommandSide(run.repository(), "postgresql", raw, "postgres", "postgres");
            LedgerNodes nodes = run.nodes();
            List<String> onPostgres = new ArrayList<>(List.of("--spring.profiles.active=postgres",
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "ledger"),
                    "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                    "--ledger.security.demo-users-enabled=true"));
            onPostgres.addAll(LedgerNodes.realSecrets()); // the postgres profile refuses the published demo keys
            try (LedgerNodes.Node command = nodes.commandSide("commands-pg", run.scratch("commands-pg"), onPostgres)) {
                command.awaitReady(Duration.ofMinutes(3));
                if (run.runs(3)) {
                    List<CommandBench.Level> levels = new ArrayList<>();
                    try {
                        levels = levels("PostgreSQL", command, raw, "postgres", "postgres");
                    } finally {
                        run.results().raw("commandsPostgres", levels);
                    }
                    run.results().section("### Measure 3: commands on PostgreSQL (embedded, durable), closed loop\n\n"
                            + CommandBench.table("PostgreSQL", levels));
                    report("3b", "PostgreSQL", levels, 2_500, 25_000, 0.40, "≥ 2,500 cmd/s, p99 ≤ 25 ms, ≥ 40% of raw");
                }
                if (run.runs(4)) {
                    lag.acrossNodes(nodes, command, onPostgres);
                }
            }
        }
    }

    private List<CommandBench.Level> levels(String store, LedgerNodes.Node command, String rawUrl, String user,
                                            String password) throws Exception {
        Plan plan = run.plan();
        int maxConcurrency = plan.concurrencies().stream().mapToInt(Integer::intValue).max().orElse(1);
        CommandBench.Fixture fixture = CommandBench.setUp(command, 20, Math.max(200, maxConcurrency * 8));
        // Warm the command side's JIT before measuring.
        CommandBench.grants(command, fixture, 4, plan.commandPhase());
        List<CommandBench.Level> levels = new ArrayList<>();
        for (int concurrency : plan.concurrencies()) {
            boolean profile = plan.profiles() && concurrency == 16;
            Path recording = run.logs().resolve("command-side-" + store.toLowerCase() + "-c16.jfr");
            if (profile) {
                JfrProfile.start(command.process().pid(), recording);
            }
            CommandBench.Phase grants = CommandBench.grants(command, fixture, concurrency, plan.commandPhase());
            if (profile) {
                JfrProfile.stop(command.process().pid());
                JfrProfile.Summary summary = JfrProfile.summarise(recording);
                run.results().raw("commands" + store + "Profile", summary);
                run.results().section(summary.markdown("command side (" + store + ") granting at concurrency 16"));
            }
            CommandBench.Phase revocations = CommandBench.revocations(command, fixture, concurrency, plan.commandPhase());
            CommandBench.Phase raw = CommandBench.rawInserts(rawUrl, user, password, concurrency, plan.rawPhase());
            CommandBench.Level level = new CommandBench.Level(concurrency, grants, revocations, raw);
            CommandBench.log(out, store, level);
            levels.add(level);
        }
        return levels;
    }

    private void report(String id, String store, List<CommandBench.Level> levels, double perSecond, double p99Micros,
                        double ofRaw, String target) {
        CommandBench.Level best = levels.stream().max((a, b) -> Double.compare(a.grants().perSecond(), b.grants().perSecond()))
                .orElseThrow();
        // The ceiling is the raw loop at its own best concurrency, not at the ledger's.
        CommandBench.Level raw = levels.stream().max((a, b) -> Double.compare(a.rawInserts().perSecond(),
                b.rawInserts().perSecond())).orElseThrow();
        double ratio = best.grants().perSecond() / raw.rawInserts().perSecond();
        boolean met = best.grants().perSecond() >= perSecond && best.grants().p99() <= p99Micros && ratio >= ofRaw;
        run.results().row(id, "GrantLinkage on " + store + ", best of concurrency " + run.plan().concurrencies(),
                String.format("%,.0f cmd/s at c=%d, p99 %.1f ms; revocation commands %,.0f/s", best.grants().perSecond(),
                        best.concurrency(), best.grants().p99() / 1e3, best.revocations().perSecond()),
                String.format("raw durable insert loop %,.0f rows/s at its best, c=%d, p99 %.1f ms", raw.rawInserts().perSecond(),
                        raw.concurrency(), raw.rawInserts().p99() / 1e3),
                String.format("%.2f× of raw", ratio), target, met ? Results.Verdict.MET : Results.Verdict.MISSED, null);
    }
}
