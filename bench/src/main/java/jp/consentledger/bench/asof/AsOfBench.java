package jp.consentledger.bench.asof;

import jp.consentledger.bench.history.GeneratedHistory;
import jp.consentledger.bench.load.OpenLoad;
import jp.consentledger.bench.nodes.Http;
import jp.consentledger.bench.nodes.LedgerNodes;
import jp.consentledger.bench.report.Results;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Measure 6: a dispute handler's "state of this linkage as of that instant", for random linkages
 * and instants between their grant and now, at a steady rate (open model), on stores of different
 * sizes: the answer must not get slower as the store grows.
 */
public final class AsOfBench {
    public static final double P99_TARGET_MICROS = 5_000;

    private AsOfBench() {
    }

    private static String path(GeneratedHistory history, int i, Instant at) {
        return "/api/v1/audit/linkages/" + history.linkageId(i).value() + "/state?at=" + at;
    }

    /**
     * Whether the endpoint answers: 200 for the last generated linkage. The as-of answer reads the audit
     * index, a processor of its own that replays after the query side reports ready (readiness tracks
     * live token validity only), so this waits up to {@code patience} for the index to reach the end.
     */
    public static String unavailableReason(LedgerNodes.Node query, GeneratedHistory history, Duration patience)
            throws Exception {
        Http http = new Http();
        long deadline = System.nanoTime() + patience.toNanos();
        Http.Answer answer = http.get(query.uri(path(history, history.linkages() - 1, history.generatedAt())), LedgerNodes.DISPUTE);
        while (answer.status() == 404 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            answer = http.get(query.uri(path(history, history.linkages() - 1, history.generatedAt())), LedgerNodes.DISPUTE);
        }
        return answer.status() == 200 ? null
                : "not available (GET /api/v1/audit/linkages/{id}/state still answered HTTP " + answer.status()
                + " after waiting " + patience.toSeconds() + " s for the audit index)";
    }

    public static OpenLoad.StepResult measure(LedgerNodes.Node query, GeneratedHistory history, double rate,
                                              Duration warmup, Duration measure) throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        List<byte[]> requests = new ArrayList<>();
        long now = history.generatedAt().toEpochMilli();
        for (int n = 0; n < 20_000; n++) {
            int i = random.nextInt(history.linkages());
            long granted = history.grantedAt(i).toEpochMilli();
            Instant at = Instant.ofEpochMilli(granted + random.nextLong(Math.max(1, now - granted)));
            String head = "GET " + path(history, i, at) + " HTTP/1.1\r\nHost: 127.0.0.1:" + query.port()
                    + "\r\nAuthorization: " + LedgerNodes.DISPUTE + "\r\nAccept: application/json\r\n\r\n";
            requests.add(head.getBytes(StandardCharsets.US_ASCII));
        }
        OpenLoad load = new OpenLoad(new OpenLoad.Target(new InetSocketAddress("127.0.0.1", query.port()), requests,
                "\"linkageId\""), 8);
        return load.run(rate, warmup, measure);
    }

    public static void report(String id, long events, OpenLoad.StepResult step, Results results) {
        results.raw("asOf-" + events, step);
        results.row(id, String.format("State as of an instant, one linkage, %,d events in the store", events),
                String.format("p50 %.1f ms, p99 %.1f ms at %,.0f/s (%,d errors)", step.p50() / 1e3, step.p99() / 1e3,
                        step.offeredPerSecond(), step.errors()),
                "—", "—", "p99 ≤ 5 ms, flat in store size",
                step.p99() <= P99_TARGET_MICROS && step.errors() == 0 ? Results.Verdict.MET : Results.Verdict.MISSED, null);
    }
}
