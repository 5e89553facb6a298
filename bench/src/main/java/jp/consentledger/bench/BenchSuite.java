package jp.consentledger.bench;

import jp.consentledger.bench.inprocess.InProcessBench;
import jp.consentledger.bench.report.Machine;
import jp.consentledger.bench.suite.AsOfMeasure;
import jp.consentledger.bench.suite.BigStoreMeasures;
import jp.consentledger.bench.suite.CommandMeasure;
import jp.consentledger.bench.suite.KeycloakMeasure;
import jp.consentledger.bench.suite.Plan;
import jp.consentledger.bench.suite.RevocationLagMeasure;
import jp.consentledger.bench.suite.SuiteRun;
import jp.consentledger.bench.suite.TokenCheckMeasure;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The benchmark suite: every figure of BENCHMARKS.md, each beside its peer or physical ceiling
 * measured in the same run. Started by {@code bin/bench [--quick] [--only=1,2,...]} from the
 * repository root; writes bench-results/&lt;timestamp&gt;/results.md and results.json and prints
 * the summary table. Each measure is a class of {@code bench.suite}; this one runs them in order.
 */
public final class BenchSuite {
    private static final PrintStream OUT = System.out;

    private final SuiteRun run;
    private final TokenCheckMeasure tokenChecks;
    private final RevocationLagMeasure lag;
    private final AsOfMeasure asOf;

    private BenchSuite(SuiteRun run) {
        this.run = run;
        this.tokenChecks = new TokenCheckMeasure(run);
        this.lag = new RevocationLagMeasure(run);
        this.asOf = new AsOfMeasure(run);
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        Set<Integer> only = Arrays.stream(args).filter(a -> a.startsWith("--only="))
                .flatMap(a -> Arrays.stream(a.substring(7).split(","))).map(String::trim).map(Integer::parseInt)
                .collect(Collectors.toCollection(TreeSet::new));
        SuiteRun run = new SuiteRun(Path.of("").toAbsolutePath(), Plan.of(quick), only);
        long start = System.nanoTime();
        try {
            new BenchSuite(run).runAll();
        } finally {
            run.results().settings().put("loadAverageAtEnd", Machine.loadAverage());
            run.results().settings().put("duration", Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
            run.results().write(run.folder());
            run.deleteScratch();
            OUT.println();
            OUT.println(run.results().summaryTable());
            OUT.println("Results: " + run.folder().resolve("results.md") + " and results.json");
        }
    }

    private void runAll() {
        Plan plan = run.plan();
        OUT.printf("Benchmark (%s): machine %s, results in %s%n", plan.mode(), Machine.loadAverage(), run.folder());
        if (Machine.load1() > 1.5) {
            OUT.println("WARNING: the 1-minute load average is " + Machine.load1()
                    + ": other work is running, so the figures will be distorted.");
        }
        if (run.runs(1)) {
            step("1. token check in process (JMH)", () -> InProcessBench.run(plan.jmh(), run.results(), run.folder()));
        }
        if (run.runs(2) || run.runs(4) || run.runs(5) || run.runs(6) || run.runs(7) || run.runs(8)) {
            step("2, 4, 5, 6, 7, 8 on the embedded default, a store of " + plan.bigLinkages() + " tokens",
                    () -> new BigStoreMeasures(run, tokenChecks, lag, asOf).run());
        }
        if (run.runs(2)) {
            step("2. the peer: Keycloak token introspection", () -> new KeycloakMeasure(run, tokenChecks).run());
        }
        CommandMeasure commands = new CommandMeasure(run, lag);
        if (run.runs(3)) {
            step("3. commands on the embedded default", commands::onEmbeddedDefault);
        }
        if (run.runs(3) || run.runs(4)) {
            step("3 and 4b. commands and the multi-node revocation lag on PostgreSQL", commands::onPostgres);
        }
        if (run.runs(6)) {
            step("6. state as of an instant on a smaller store", asOf::onSmallStore);
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
            run.results().section("### Failure in " + name + "\n\n```\n" + e + "\n```\n");
        }
        OUT.printf("  (%d s)%n", Duration.ofNanos(System.nanoTime() - start).toSeconds());
    }
}
