package jp.consentledger.bench.load;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * An open-model HTTP/1.1 load generator: requests are due at a constant rate whatever the server
 * does, and each one's latency runs from the moment it was due (not from when a connection was
 * free to send it), so a stalled server shows in the tail instead of slowing the load down
 * (no coordinated omission).
 *
 * <p>Raw keep-alive sockets, one request in flight per connection, pre-built request bytes: one
 * thread sends on time, one reads with a selector. That is cheap enough to offer tens of thousands
 * of requests a second from a fraction of one core, leaving the rest of a 2-core machine to the
 * server under test.
 */
public final class OpenLoad {
    /** What to send: the {@code n}-th request's complete bytes, and what a positive answer contains. */
    public record Target(InetSocketAddress address, List<byte[]> requests, String positiveMarker) {
    }

    /**
     * One constant-rate run's figures (latencies in microseconds, from the intended send time); its errors,
     * by kind, in {@code errorKinds} ("" when none).
     */
    public record StepResult(double offeredPerSecond, double achievedPerSecond, long requests, long errors,
                             long positives, double p50, double p90, double p99, double p999, double max,
                             @com.fasterxml.jackson.annotation.JsonIgnore Histogram histogram,
                             @com.fasterxml.jackson.annotation.JsonIgnore String errorKinds) {
        public boolean meets(double p99TargetMicros) {
            return errors == 0 && p99 <= p99TargetMicros && achievedPerSecond >= 0.95 * offeredPerSecond;
        }

        public double positiveShare() {
            return requests == 0 ? 0 : (double) positives / requests;
        }
    }

    private final Target target;
    private final int connections;

    public OpenLoad(Target target, int connections) {
        this.target = target;
        this.connections = connections;
    }

    public StepResult run(double ratePerSecond, Duration warmup, Duration measure) throws IOException {
        try (OpenLoadRun run = new OpenLoadRun(target, connections, ratePerSecond, warmup, measure)) {
            return run.execute();
        }
    }
}
