package jp.consentledger.bench.tokencheck;

import jp.consentledger.bench.history.GeneratedHistory;
import jp.consentledger.bench.load.OpenLoad;
import jp.consentledger.bench.load.RateSearch;
import jp.consentledger.kernel.linkage.Scope;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Measure 2: the gateway's question over HTTP, at a constant offered rate raised step by step
 * (open model), for the ledger's query side and for the peer's token introspection alike.
 */
public final class TokenCheckLoad {
    public static final double P99_TARGET_MICROS = 5_000;
    private static final int REQUEST_POOL = 100_000;
    public static final String CHECK_LINE = "POST /api/v1/token-checks";
    public static final String INTROSPECTION_LINE = "POST /api/v1/token-introspection";
    public static final String FORM = "application/x-www-form-urlencoded";

    private TokenCheckLoad() {
    }

    public record Settings(int connections, Duration warmup, Duration measure, Duration jitWarmup) {
    }

    /** Requests as a gateway sends them: mostly tokens in use (valid), some revoked, expired or unknown. */
    public static OpenLoad.Target ledgerTarget(int port, String authorization, GeneratedHistory history) {
        return ledgerTarget(port, authorization, bodies(history));
    }

    /** The same requests from bodies saved earlier (GenerateHistory's third argument), for runs outside the suite. */
    public static OpenLoad.Target ledgerTarget(int port, String authorization, List<String> bodies) {
        List<byte[]> requests = new ArrayList<>(bodies.size());
        for (String body : bodies) {
            requests.add(request(CHECK_LINE, port, authorization, "application/json", body));
        }
        return new OpenLoad.Target(new InetSocketAddress("127.0.0.1", port), requests, "\"valid\":true");
    }

    /** Request bodies as a gateway sends them: 9 in 10 a live token with a granted scope, 1 in 10 any token. */
    public static List<String> bodies(GeneratedHistory history) {
        SplittableRandom random = new SplittableRandom(11);
        List<String> bodies = new ArrayList<>(REQUEST_POOL);
        for (int n = 0; n < REQUEST_POOL; n++) {
            int i = random.nextInt(10) == 0 ? random.nextInt(history.linkages()) : history.randomLive(random);
            Scope scope = history.expected(i) == GeneratedHistory.LIVE ? history.grantedScope(i)
                    : Scope.values()[random.nextInt(2)];
            bodies.add("{\"token\":\"" + history.token(i) + "\",\"scope\":\"" + scope + "\"}");
        }
        return bodies;
    }

    /**
     * The same tokens, in the same order, asked by RFC 7662 introspection (form-encoded; the tokens are
     * URL-safe base64, so they need no escaping). Introspection asks no scope: a live token is active.
     */
    public static List<String> introspectionBodies(GeneratedHistory history) {
        SplittableRandom random = new SplittableRandom(11);
        List<String> bodies = new ArrayList<>(REQUEST_POOL);
        for (int n = 0; n < REQUEST_POOL; n++) {
            int i = random.nextInt(10) == 0 ? random.nextInt(history.linkages()) : history.randomLive(random);
            if (history.expected(i) != GeneratedHistory.LIVE) {
                random.nextInt(2); // keeps the draws in step with bodies()
            }
            bodies.add("token=" + history.token(i));
        }
        return bodies;
    }

    /** Introspection as a gateway's resource server asks it. */
    public static OpenLoad.Target introspectionTarget(int port, String authorization, List<String> bodies) {
        List<byte[]> requests = new ArrayList<>(bodies.size());
        for (String body : bodies) {
            requests.add(request(INTROSPECTION_LINE, port, authorization, FORM, body));
        }
        return new OpenLoad.Target(new InetSocketAddress("127.0.0.1", port), requests, "\"active\":true");
    }

    static byte[] request(String requestLine, int port, String authorization, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = requestLine + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + authorization
                + "\r\nContent-Type: " + contentType + "\r\nAccept: application/json\r\nContent-Length: " + bytes.length
                + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + bytes.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(bytes, 0, all, headBytes.length, bytes.length);
        return all;
    }

    public static RateSearch.Ladder climb(String who, OpenLoad.Target target, Settings settings, double startRate,
                                          double maxRate, PrintStream log) throws IOException {
        OpenLoad load = new OpenLoad(target, settings.connections());
        // Let the JIT compile the server's hot path before anything is measured.
        OpenLoad.StepResult warm = load.run(startRate / 2, Duration.ZERO, settings.jitWarmup());
        log.printf("  %s JIT warm-up at %,.0f/s: p99 %,.0f µs, %,d errors%s%n", who, startRate / 2, warm.p99(), warm.errors(),
                kinds(warm));
        return RateSearch.climb(load, startRate, 1.4, maxRate, settings.warmup(), settings.measure(), P99_TARGET_MICROS,
                step -> log.printf("  %s offered %,7.0f/s achieved %,7.0f/s  p50 %,6.0f µs  p99 %,7.0f µs  max %,8.0f µs"
                                + "  errors %,d%s  positive %.0f%%  %s%n", who, step.offeredPerSecond(), step.achievedPerSecond(),
                        step.p50(), step.p99(), step.max(), step.errors(), kinds(step), 100 * step.positiveShare(),
                        step.meets(P99_TARGET_MICROS) ? "holds" : "misses"));
    }

    /** What the errors were, so that a server's refusals are told apart from requests the generator never sent. */
    private static String kinds(OpenLoad.StepResult step) {
        return step.errorKinds().isEmpty() ? "" : " (" + step.errorKinds() + ")";
    }

    public static String ladderTable(String who, RateSearch.Ladder ladder) {
        StringBuilder md = new StringBuilder("| " + who + " offered/s | achieved/s | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs | errors | positive answers | p99 ≤ 5 ms |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (OpenLoad.StepResult s : ladder.steps()) {
            md.append(String.format("| %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,d | %.0f%% | %s |%n",
                    s.offeredPerSecond(), s.achievedPerSecond(), s.p50(), s.p90(), s.p99(), s.p999(), s.max(), s.errors(),
                    100 * s.positiveShare(), s.meets(P99_TARGET_MICROS) ? "yes" : "no"));
        }
        return md.toString();
    }
}
