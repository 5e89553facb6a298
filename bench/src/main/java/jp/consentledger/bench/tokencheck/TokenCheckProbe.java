package jp.consentledger.bench.tokencheck;

import jp.consentledger.bench.load.OpenLoad;
import jp.consentledger.bench.nodes.LedgerNodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The suite's token-check load at fixed rates against a query side already running, for profiling
 * and A/B comparisons outside the suite: {@code TokenCheckProbe <port> <bodies-file> <seconds>
 * <connections> <rate>...} (bodies from GenerateHistory's third argument). Each rate gets a 5-second
 * unmeasured warm-up.
 */
public final class TokenCheckProbe {
    private TokenCheckProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: TokenCheckProbe <port> <bodies-file> <seconds> <connections> <rate>...");
            System.exit(2);
        }
        OpenLoad.Target target = TokenCheckLoad.ledgerTarget(Integer.parseInt(args[0]), LedgerNodes.GATEWAY,
                Files.readAllLines(Path.of(args[1])));
        OpenLoad load = new OpenLoad(target, Integer.parseInt(args[3]));
        Duration measure = Duration.ofSeconds(Long.parseLong(args[2]));
        for (int i = 4; i < args.length; i++) {
            double rate = Double.parseDouble(args[i]);
            OpenLoad.StepResult step = load.run(rate, Duration.ofSeconds(5), measure);
            System.out.printf("offered %,7.0f/s achieved %,7.0f/s  p50 %,6.0f µs  p90 %,6.0f µs  p99 %,7.0f µs"
                            + "  max %,8.0f µs  errors %,d  positive %.0f%%%n", step.offeredPerSecond(),
                    step.achievedPerSecond(), step.p50(), step.p90(), step.p99(), step.max(), step.errors(),
                    100 * step.positiveShare());
        }
    }
}
