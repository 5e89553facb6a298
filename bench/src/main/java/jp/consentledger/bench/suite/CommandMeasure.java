package jp.consentledger.bench.suite;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.consentledger.bench.commands.CommandBench;
import jp.consentledger.bench.history.StoreSchema;
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
 * database: on the embedded default (3a, H2) and on PostgreSQL (3b), whose store then serves 4b.
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

    public void onH2() throws Exception {
        Path dataDir = run.scratch("commands-h2");
        Path rawDir = run.scratch("raw-h2");
        String rawUrl = StoreSchema.h2Url(rawDir);
        StoreSchema.migrateCommandSide(run.repository(), "h2", rawUrl, "sa", "");
        LedgerNodes nodes = run.nodes();
        List<CommandBench.Level> levels = new ArrayList<>();
        try (LedgerNodes.Node command = nodes.commandSide("commands-h2", dataDir, List.of())) {
            command.awaitReady(Duration.ofMinutes(3));
            levels = levels("H2", command, rawUrl, "sa", "");
        } finally {
            run.results().raw("commandsH2", levels);
        }
        run.results().section("### Measure 3: commands on the embedded default (H2 file, WRITE_DELAY=0), closed loop\n\n"
                + CommandBench.table("H2", levels));
        report("3a", "H2 embedded default", levels, false);
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
                    report("3b", "PostgreSQL", levels, true);
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

    private void report(String id, String store, List<CommandBench.Level> levels, boolean absoluteTarget) {
        CommandBench.Level best = levels.stream().max((a, b) -> Double.compare(a.grants().perSecond(), b.grants().perSecond()))
                .orElseThrow();
        boolean met = best.grants().perSecond() >= 2_500 && best.grants().p99() <= 25_000;
        run.results().row(id, "GrantLinkage on " + store + ", best of concurrency " + run.plan().concurrencies(),
                String.format("%,.0f cmd/s at c=%d, p99 %.1f ms; revocation commands %,.0f/s", best.grants().perSecond(),
                        best.concurrency(), best.grants().p99() / 1e3, best.revocations().perSecond()),
                String.format("raw durable insert loop %,.0f rows/s at c=%d, p99 %.1f ms", best.rawInserts().perSecond(),
                        best.concurrency(), best.rawInserts().p99() / 1e3),
                String.format("%.2f× of raw", best.grants().perSecond() / best.rawInserts().perSecond()),
                absoluteTarget ? "≥ 2,500 cmd/s, p99 ≤ 25 ms, ratio to raw" : "ratio to raw (2,500 cmd/s target is for PostgreSQL)",
                absoluteTarget ? (met ? Results.Verdict.MET : Results.Verdict.MISSED) : Results.Verdict.INFO, null);
    }
}
