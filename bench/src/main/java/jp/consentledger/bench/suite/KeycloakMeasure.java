package jp.consentledger.bench.suite;

import jp.consentledger.bench.load.RateSearch;
import jp.consentledger.bench.report.JfrProfile;
import jp.consentledger.bench.report.Results;
import jp.consentledger.bench.tokencheck.KeycloakPeer;
import jp.consentledger.bench.tokencheck.TokenCheckLoad;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Measure 2b: the same load against the peer, Keycloak's token introspection, beside the ledger's best rate (2a). */
public final class KeycloakMeasure {
    private final SuiteRun run;
    private final PrintStream out;
    private final TokenCheckMeasure ledger;

    public KeycloakMeasure(SuiteRun run, TokenCheckMeasure ledger) {
        this.run = run;
        this.out = run.console();
        this.ledger = ledger;
    }

    public void run() throws Exception {
        Results results = run.results();
        Optional<Path> zip = KeycloakPeer.distribution(run.repository());
        Optional<Path> javaHome = KeycloakPeer.javaHome();
        if (zip.isEmpty() || javaHome.isEmpty()) {
            results.notRun("2b", "Keycloak token introspection, same load", "ours ≥ 15× Keycloak",
                    zip.isEmpty() ? "distribution not fetched (bin/bench runs dependency:copy@keycloak-dist)"
                            : "no Java 21+ for Keycloak (set KEYCLOAK_JAVA_HOME)");
            return;
        }
        try (KeycloakPeer peer = KeycloakPeer.start(zip.get(), run.repository().resolve("bench-results/tmp"), javaHome.get(),
                run.logs().resolve("keycloak.log"), Duration.ofMinutes(4))) {
            out.println("  " + peer.description());
            Path recording = run.logs().resolve("keycloak-introspection.jfr");
            long pid = peer.jvmPid();
            boolean profiled = run.plan().profiles() && tryStartJfr(pid, recording);
            RateSearch.Ladder ladder = TokenCheckLoad.climb("keycloak", peer.target(), run.plan().load(),
                    run.plan().keycloakStartRate(), 60_000, out);
            if (profiled) {
                JfrProfile.stop(pid);
                JfrProfile.Summary profile = JfrProfile.summarise(recording);
                results.raw("keycloakProfile", profile);
                results.section(profile.markdown("Keycloak during the introspection ladder"));
            }
            results.raw("tokenChecksKeycloak", ladder);
            results.section("### Measure 2: Keycloak token introspection, step by step\n\n" + peer.description() + "\n\n"
                    + TokenCheckLoad.ladderTable("Keycloak", ladder));
            RateSearch.Ladder ledgerLadder = ledger.ledgerLadder();
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
            out.println("  (no profile of the peer: " + e.getMessage().trim() + ")");
            return false;
        }
    }
}
