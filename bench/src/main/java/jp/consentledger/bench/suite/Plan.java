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
 * measure: short phases, no profiles. Commands stop at concurrency 16 in the full run: every run
 * so far peaked at 4 and fell from 16 on (64 took half a minute for no new figure). The full run
 * waits for the rebuild of every read model to finish, so that 5 is a whole rebuild and 6b and 7
 * are taken at full size; since that takes about 8 minutes, the other phases are as short as their
 * figures allow: 8-second ladder steps (1,000 answers at the lowest rate), 2 JMH warm-up and 4
 * measurement iterations. The replay budget is only a bound on a rebuild gone wrong (past it, the
 * replay's position is reported, that node stops, and the figures that needed it say at what size
 * they were taken).
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
                new InProcessBench.Settings(1_000_000, 2, 4, TimeValue.seconds(2)),
                new TokenCheckLoad.Settings(32, Duration.ofSeconds(3), Duration.ofSeconds(8), Duration.ofSeconds(60)),
                4_000, 500, List.of(1, 4, 16), Duration.ofSeconds(6), Duration.ofSeconds(4), 200, 200,
                Duration.ofSeconds(15), Duration.ofMinutes(16), true);
    }
}
