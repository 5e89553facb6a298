package jp.consentledger.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Raises a constant offered rate step by step until the tail latency target is missed, then tries
 * once between the last rate that held and the first that did not: the highest rate that held is
 * the server's throughput at that target.
 */
public final class RateSearch {
    private RateSearch() {
    }

    public record Ladder(List<OpenLoad.StepResult> steps, OpenLoad.StepResult best, double saturationPerSecond) {
        public double bestRate() {
            return best == null ? 0 : best.offeredPerSecond();
        }
    }

    public static Ladder climb(OpenLoad load, double startRate, double factor, double maxRate, Duration warmup,
                               Duration measure, double p99TargetMicros, Consumer<OpenLoad.StepResult> log)
            throws IOException {
        List<OpenLoad.StepResult> steps = new ArrayList<>();
        OpenLoad.StepResult best = null;
        double rate = startRate;
        while (rate <= maxRate) {
            OpenLoad.StepResult step = load.run(rate, warmup, measure);
            steps.add(step);
            log.accept(step);
            if (step.meets(p99TargetMicros)) {
                best = step;
                rate *= factor;
                continue;
            }
            double between = best == null ? startRate / 2 : (best.offeredPerSecond() + rate) / 2;
            if (best == null || between > best.offeredPerSecond() * 1.05) {
                OpenLoad.StepResult retry = load.run(between, warmup, measure);
                steps.add(retry);
                log.accept(retry);
                if (retry.meets(p99TargetMicros)) {
                    best = retry;
                }
            }
            break;
        }
        double saturation = steps.stream().mapToDouble(OpenLoad.StepResult::achievedPerSecond).max().orElse(0);
        return new Ladder(steps, best, saturation);
    }
}
