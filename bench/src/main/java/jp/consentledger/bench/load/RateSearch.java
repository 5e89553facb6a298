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
        OpenLoad.StepResult best;
        double rate = startRate;
        // Below the start rate: halve until a rate holds (a slower server than expected).
        OpenLoad.StepResult first = load.run(rate, warmup, measure);
        steps.add(first);
        log.accept(first);
        int halvings = 0;
        while (!steps.get(steps.size() - 1).meets(p99TargetMicros) && halvings++ < 5) {
            rate /= 2;
            OpenLoad.StepResult lower = load.run(rate, warmup, measure);
            steps.add(lower);
            log.accept(lower);
        }
        if (!steps.get(steps.size() - 1).meets(p99TargetMicros)) {
            return new Ladder(steps, null, saturation(steps));
        }
        best = steps.get(steps.size() - 1);
        double failed = halvings > 0 ? rate * 2 : Double.NaN;
        while (Double.isNaN(failed)) {
            rate *= factor;
            if (rate > maxRate) {
                break;
            }
            OpenLoad.StepResult step = load.run(rate, warmup, measure);
            steps.add(step);
            log.accept(step);
            if (step.meets(p99TargetMicros)) {
                best = step;
            } else {
                failed = rate;
            }
        }
        if (!Double.isNaN(failed)) {
            // Once between the last rate that held and the first that did not.
            OpenLoad.StepResult retry = load.run((best.offeredPerSecond() + failed) / 2, warmup, measure);
            steps.add(retry);
            log.accept(retry);
            if (retry.meets(p99TargetMicros)) {
                best = retry;
            }
        }
        return new Ladder(steps, best, saturation(steps));
    }

    private static double saturation(List<OpenLoad.StepResult> steps) {
        return steps.stream().mapToDouble(OpenLoad.StepResult::achievedPerSecond).max().orElse(0);
    }
}
