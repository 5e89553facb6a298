package jp.consentledger.bench.suite;

import jp.consentledger.bench.asof.AsOfBench;
import jp.consentledger.bench.history.GeneratedHistory;
import jp.consentledger.bench.history.Store;
import jp.consentledger.bench.load.OpenLoad;
import jp.consentledger.bench.nodes.CpuTime;
import jp.consentledger.bench.nodes.EmbeddedDefault;
import jp.consentledger.bench.nodes.LedgerNodes;
import jp.consentledger.bench.report.Results;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Measure 6: the state of one linkage as of an instant, on the big store (6b) and on a smaller one (6a). */
public final class AsOfMeasure {
    private final SuiteRun run;
    private final PrintStream out;
    private long availableEvents = -1;
    /** 6b's and 6a's p99 and index size, for the ratio of the two (measure 6's flatness). */
    private final Map<String, Tail> tails = new LinkedHashMap<>();

    private record Tail(double p99Micros, long indexed) {
    }

    public AsOfMeasure(SuiteRun run) {
        this.run = run;
        this.out = run.console();
    }

    /**
     * Measure 6 at the audit index's horizon: wherever the index has got to (all of it once the rebuild has
     * finished, as the full run waits for), and the row says how many events it held.
     */
    void measure(String id, LedgerNodes.Node query, GeneratedHistory history, Store store, long requiredIndexed,
                 long wantedIndexed, Duration patience) throws Exception {
        AsOfBench.Horizon horizon = AsOfBench.awaitHorizon(store, history, wantedIndexed, patience, out);
        if (horizon.eligibleLinkages() == 0) {
            String why = String.format("the audit index held no linkage after %d s (%,d of %,d events)",
                    patience.toSeconds(), horizon.indexed(), horizon.storeEvents());
            run.results().notRun(id, String.format("State as of an instant, one linkage, %,d events", history.counts().events()),
                    "p99 ≤ 5 ms, flat in store size", why);
            out.println("  state as of: " + why);
            return;
        }
        availableEvents = history.counts().events();
        List<AsOfBench.Question> questions = AsOfBench.questions(history, horizon.at(), 20_000, new SplittableRandom(3));
        List<String> wrong = AsOfBench.disagreements(query, history, questions, horizon.knownAt());
        wrong.stream().limit(5).forEach(w -> out.println("  state as of, wrong answer: " + w));
        Duration warmup = Duration.ofSeconds(2);
        CpuTime before = CpuTime.of(query.process().pid());
        OpenLoad.StepResult step = AsOfBench.measure(query, history, questions, horizon.knownAt(), run.plan().asOfRate(),
                warmup, run.plan().asOfMeasure());
        // What one answer costs: the CPU of the whole step (its warm-up too) over the requests it sent.
        CpuTime spent = CpuTime.of(query.process().pid()).since(before);
        double sent = run.plan().asOfRate() * (warmup.toMillis() + run.plan().asOfMeasure().toMillis()) / 1e3;
        AsOfBench.Cost cost = new AsOfBench.Cost(spent.node().toNanos() / 1e3 / sent, spent.postgres().toNanos() / 1e3 / sent);
        out.printf("  state as of (audit index at %,d of %,d events): p50 %,.0f µs, p99 %,.0f µs, %,d errors, %d wrong answers;"
                        + " CPU per answer: node %,.0f µs, PostgreSQL %,.0f µs%n", horizon.indexed(), horizon.storeEvents(),
                step.p50(), step.p99(), step.errors(), wrong.size(), cost.nodeMicros(), cost.postgresMicros());
        AsOfBench.report(id, horizon, requiredIndexed, step, cost, wrong, run.results());
        tails.put(id, new Tail(step.p99(), horizon.indexed()));
    }

    /** Measure 6's flatness: the big store's p99 over the small one's, one engine at two sizes. */
    private void ratio() {
        Tail big = tails.get("6b");
        Tail small = tails.get("6a");
        if (big == null || small == null) {
            return;
        }
        double ratio = big.p99Micros() / small.p99Micros();
        run.results().row("6", String.format("State as of an instant: p99 at %,d indexed events over p99 at %,d",
                        big.indexed(), small.indexed()),
                String.format("%.1f ms / %.1f ms", big.p99Micros() / 1e3, small.p99Micros() / 1e3), "—",
                String.format("%.2f", ratio), "ratio ≤ 1.5", ratio <= 1.5 ? Results.Verdict.MET : Results.Verdict.MISSED, null);
    }

    /** 6a, once 6b has shown "as of" is available in this build. */
    public void onSmallStore() throws Exception {
        if (availableEvents < 0) {
            run.results().notRun("6a", "State as of an instant, one linkage, ~100,000 events", "p99 ≤ 5 ms, flat in store size",
                    "not available in this build (see 6b)");
            return;
        }
        // On the embedded default, as 6b: the ratio 6b / 6a compares one engine at two sizes.
        try (EmbeddedDefault store = run.embeddedStore("small")) {
            GeneratedHistory small = run.generate(store.store(), run.plan().smallLinkages());
            onSmallStore(store, small);
        }
    }

    private void onSmallStore(EmbeddedDefault store, GeneratedHistory small) throws Exception {
        // Only the query side answers "as of"; no command side is needed on a store that does not change.
        // As on the big node (see BigStoreMeasures): no signed log is built beside it. In run 20261204-212333 the
        // small node built one while 6a ran, and its CPU per answer came out a third above the big node's.
        try (LedgerNodes.Node query = run.nodes().querySide("small", store.dataDir(),
                store.nodeArgs(List.of("--ledger.audit.checkpoint-interval=P1D")))) {
            query.awaitReady(Duration.ofMinutes(5));
            // The small store stands for "at 100 thousand events": its index replays in about a minute alone,
            // so the measure waits for all of it, within bounds.
            long events = small.counts().events();
            measure("6a", query, small, store.store(), events, events, Duration.ofMinutes(2));
        }
        ratio();
    }
}
