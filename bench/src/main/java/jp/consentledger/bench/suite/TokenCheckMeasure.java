package jp.consentledger.bench.suite;

import jp.consentledger.bench.history.GeneratedHistory;
import jp.consentledger.bench.load.OpenLoad;
import jp.consentledger.bench.load.RateSearch;
import jp.consentledger.bench.nodes.LedgerNodes;
import jp.consentledger.bench.report.JfrProfile;
import jp.consentledger.bench.report.Results;
import jp.consentledger.bench.tokencheck.TokenCheckLoad;
import jp.consentledger.bench.tokencheck.WrkCrossCheck;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Measure 2a: the gateway's question over HTTP on a settled query node, as the JSON token check (2a), as
 * RFC 7662 introspection (2a-i), and both again through wrk (2a-wrk). Its best rate is what 2b compares.
 */
public final class TokenCheckMeasure {
    private final SuiteRun run;
    private final PrintStream out;
    private RateSearch.Ladder ledgerLadder;

    public TokenCheckMeasure(SuiteRun run) {
        this.run = run;
        this.out = run.console();
    }

    /** The JSON check's ladder, or null when it was not measured in this run. */
    RateSearch.Ladder ledgerLadder() {
        return ledgerLadder;
    }

    void measure(LedgerNodes.Node query, GeneratedHistory history, String described) throws Exception {
        OpenLoad.Target target = TokenCheckLoad.ledgerTarget(query.port(), LedgerNodes.GATEWAY, history);
        Path recording = run.logs().resolve("query-side-token-checks.jfr");
        long pid = query.process().pid();
        Plan plan = run.plan();
        Results results = run.results();
        if (plan.profiles()) {
            JfrProfile.start(pid, recording);
        }
        ledgerLadder = TokenCheckLoad.climb("ledger", target, plan.load(), plan.ledgerStartRate(), 60_000, out);
        results.raw("tokenChecksLedger", ledgerLadder);
        results.section("### Measure 2: the ledger's token checks, step by step (" + String.format("%,d", history.linkages())
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
                        history.linkages(), described),
                best == null ? "p99 > 5 ms even at the lowest rate"
                        : String.format("%,.0f checks/s at p99 %.1f ms (saturates at %,.0f/s)", best.offeredPerSecond(),
                        best.p99() / 1e3, ledgerLadder.saturationPerSecond()),
                "see 2b", "—", "≥ 15,000/s with p99 ≤ 5 ms",
                best != null && best.offeredPerSecond() >= 15_000 ? Results.Verdict.MET : Results.Verdict.MISSED, null);
        introspection(query, history, described);
        wrkCrossCheck(query, history);
    }

    /** 2a for RFC 7662 introspection: the same tokens, as a gateway's resource server asks. */
    private void introspection(LedgerNodes.Node query, GeneratedHistory history, String described) throws Exception {
        OpenLoad.Target target = TokenCheckLoad.introspectionTarget(query.port(), LedgerNodes.GATEWAY,
                TokenCheckLoad.introspectionBodies(history));
        // The node's request path (Tomcat, security, the model) was compiled by the JSON check's warm-up and ladder
        // just before: a third of that warm-up compiles what is the introspection's own.
        TokenCheckLoad.Settings load = run.plan().load();
        RateSearch.Ladder ladder = TokenCheckLoad.climb("introspection", target, new TokenCheckLoad.Settings(
                        load.connections(), load.warmup(), load.measure(), load.jitWarmup().dividedBy(3)),
                run.plan().ledgerStartRate(), 60_000, out);
        Results results = run.results();
        results.raw("tokenIntrospectionLedger", ladder);
        results.section("### Measure 2: the ledger's RFC 7662 introspection, step by step\n\n"
                + TokenCheckLoad.ladderTable("introspection", ladder));
        OpenLoad.StepResult best = ladder.best();
        results.row("2a-i", String.format("HTTP RFC 7662 introspection, gateway-authenticated, %,d tokens, on a %s",
                        history.linkages(), described),
                best == null ? "p99 > 5 ms even at the lowest rate"
                        : String.format("%,.0f introspections/s at p99 %.1f ms (saturates at %,.0f/s)", best.offeredPerSecond(),
                        best.p99() / 1e3, ladder.saturationPerSecond()),
                "—", "—", "≥ 15,000/s with p99 ≤ 5 ms",
                best != null && best.offeredPerSecond() >= 15_000 ? Results.Verdict.MET : Results.Verdict.MISSED, null);
    }

    /** The same two questions through wrk, a load tool written by others, in the same run. */
    private void wrkCrossCheck(LedgerNodes.Node query, GeneratedHistory history) throws Exception {
        Duration duration = run.plan().load().measure();
        int connections = run.plan().load().connections();
        Results results = run.results();
        Optional<WrkCrossCheck.Result> checks = WrkCrossCheck.run(query.port(), "/api/v1/token-checks", LedgerNodes.GATEWAY,
                "application/json", TokenCheckLoad.bodies(history), connections, duration, run.logs());
        if (checks.isEmpty()) {
            results.notRun("2a-wrk", "The same checks through wrk", "cross-check of 2a", "wrk is not installed (bin/bench installs it as root)");
            return;
        }
        Optional<WrkCrossCheck.Result> introspections = WrkCrossCheck.run(query.port(), "/api/v1/token-introspection",
                LedgerNodes.GATEWAY, TokenCheckLoad.FORM, TokenCheckLoad.introspectionBodies(history), connections, duration,
                run.logs());
        out.printf("  wrk: checks %s; introspection %s%n", checks.get().summary(), introspections.get().summary());
        results.raw("wrkTokenChecks", Map.of("requestsPerSecond", checks.get().requestsPerSecond(), "p99Micros", checks.get().p99Micros(),
                "non2xx", checks.get().non2xx(), "connections", connections));
        results.raw("wrkIntrospection", Map.of("requestsPerSecond", introspections.get().requestsPerSecond(),
                "p99Micros", introspections.get().p99Micros(), "non2xx", introspections.get().non2xx(), "connections", connections));
        results.row("2a-wrk", "The same checks and introspections through wrk (closed loop, " + connections + " connections)",
                "checks: " + checks.get().summary() + "; introspection: " + introspections.get().summary(),
                "—", "—", "cross-check of 2a", Results.Verdict.INFO, null);
    }
}
