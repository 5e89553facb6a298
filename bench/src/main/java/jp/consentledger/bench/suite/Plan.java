package jp.consentledger.bench.suite;

import jp.consentledger.bench.inprocess.InProcessBench;
import jp.consentledger.bench.tokencheck.TokenCheckLoad;
import org.openjdk.jmh.runner.options.TimeValue;

import java.time.Duration;
import java.util.List;

/**
 * How big and how long: the full run fits in 30 minutes on 2 cores, the quick one in 5. The JIT
 * warm-up before each HTTP ladder is long because on a shared 2-core machine C2 needs about a
 * minute of load to compile a Spring request path: after 3 seconds a token check still cost
 * 700-1,000 µs of CPU, against under 200 µs once compiled. The quick run is a smoke run of every
 * measure: short phases, no profiles. The full run's replay budget is what keeps it inside 30
 * minutes: past it, the replay's position is reported and that node stops (token checks and the
 * revocation lag then run on a settled gateway-role node, which replays token validity alone).
 */
public record Plan(String mode, int bigLinkages, int smallLinkages, InProcessBench.Settings jmh,
                   TokenCheckLoad.Settings load, double ledgerStartRate, double keycloakStartRate, List<Integer> concurrencies,
                   Duration commandPhase, Duration rawPhase, int lagSamples, double asOfRate, Duration asOfMeasure,
                   Duration replayBudget, boolean profiles) {
    public static Plan of(boolean quick) {
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
