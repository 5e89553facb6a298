package jp.consentledger.bench.tokencheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second, independent load tool: {@code wrk} (Debian's package; bin/bench installs it when missing),
 * driving the same requests with a Lua script. wrk is closed-loop (each connection waits for its answer),
 * so its figure is the throughput at that concurrency and its latencies are not corrected for coordinated
 * omission: a cross-check of the open-model ladder's order of magnitude, not a replacement for it.
 */
public final class WrkCrossCheck {
    /** Bodies cycled through by each wrk thread (the Lua table is built from them at start-up). */
    private static final int BODIES = 10_000;
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\n\\s+99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

    private WrkCrossCheck() {
    }

    public record Result(double requestsPerSecond, double p99Micros, long non2xx, int connections, String output) {
        public String summary() {
            return String.format("%,.0f req/s, p99 %.1f ms at %d connections (wrk, closed loop%s)", requestsPerSecond,
                    p99Micros / 1e3, connections, non2xx > 0 ? String.format(", %,d non-2xx", non2xx) : "");
        }
    }

    public static boolean available() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code path} e.g. /api/v1/token-checks; empty when wrk is not installed. */
    public static Optional<Result> run(int port, String path, String authorization, String contentType, List<String> bodies,
                                       int connections, Duration duration, Path workDir) throws IOException, InterruptedException {
        if (!available()) {
            return Optional.empty();
        }
        Files.createDirectories(workDir);
        Path script = workDir.resolve("wrk-" + path.replace('/', '_') + ".lua");
        StringBuilder lua = new StringBuilder("local bodies = {\n");
        for (String body : bodies.subList(0, Math.min(BODIES, bodies.size()))) {
            lua.append("  [==[").append(body).append("]==],\n");
        }
        lua.append("}\nlocal i = 0\nwrk.method = \"POST\"\n")
                .append("wrk.headers[\"Authorization\"] = \"").append(authorization).append("\"\n")
                .append("wrk.headers[\"Content-Type\"] = \"").append(contentType).append("\"\n")
                .append("wrk.headers[\"Accept\"] = \"application/json\"\n")
                .append("request = function()\n  i = i % #bodies + 1\n  return wrk.format(nil, \"").append(path)
                .append("\", nil, bodies[i])\nend\n");
        Files.writeString(script, lua, StandardCharsets.UTF_8);
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s", "--latency",
                "-s", script.toString(), "http://127.0.0.1:" + port).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        Matcher rate = RATE.matcher(output);
        Matcher p99 = P99.matcher(output);
        Matcher non2xx = NON_2XX.matcher(output);
        if (!rate.find() || !p99.find()) {
            throw new IOException("wrk gave no figures:\n" + output);
        }
        double value = Double.parseDouble(p99.group(1));
        double micros = switch (p99.group(2)) {
            case "us" -> value;
            case "ms" -> value * 1e3;
            default -> value * 1e6;
        };
        return Optional.of(new Result(Double.parseDouble(rate.group(1)), micros,
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, connections, output));
    }
}
