package jp.consentledger.system.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.consentledger.system.secrets.RealSecrets;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One side of the ledger in its own JVM, started from this test's classpath minus the other side's
 * classes (so each process sees only its own application.yml), on its own port, with the postgres profile.
 */
final class LedgerNode {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    /** One set of real secrets for every node of the run (all must share the token key and the signing keys). */
    private static final List<String> SECRETS = secrets();

    final String name;
    final int port;
    final Path log;
    private final Process process;

    private LedgerNode(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static LedgerNode command(String name, String jdbcUrl, String... extra) {
        return start(name, "jp.consentledger.command.CommandSideApplication", "query-side", jdbcUrl, extra);
    }

    static LedgerNode query(String name, String jdbcUrl, String... extra) {
        return start(name, "jp.consentledger.query.QuerySideApplication", "command-side", jdbcUrl, extra);
    }

    private static LedgerNode start(String name, String mainClass, String otherSide, String jdbcUrl, String... extra) {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains(File.separator + otherSide + File.separator)
                        && !entry.contains(File.separator + "system-tests" + File.separator))
                .collect(Collectors.joining(File.pathSeparator));
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Duser.timezone=UTC",
                "-cp", classpath, mainClass,
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--server.port=" + port,
                "--spring.main.banner-mode=off",
                "--axon.metrics.micrometer.dimensional=true",
                // The postgres profile refuses the demo secrets and turns the demo users off unless asked.
                "--ledger.security.demo-users-enabled=true"));
        command.addAll(SECRETS);
        command.addAll(List.of(extra));
        try {
            Path log = Files.createDirectories(Path.of("target", "multi-node")).resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new LedgerNode(name, port, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> secrets() {
        try {
            return RealSecrets.asFileArguments(Files.createTempDirectory("ledger-secrets"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LedgerNode awaitReady() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(process.isAlive()).as("%s is running (see %s)", name, log.toAbsolutePath()).isTrue();
            assertThat(status("GET", "/actuator/health/readiness", null)).isEqualTo(200);
        });
        return this;
    }

    /** SIGKILL: no shutdown hook, no claim released, no transaction finished. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM: Spring shuts down and releases this node's claims. */
    void stop() {
        process.destroy();
        waitFor();
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Answer(int status, JsonNode body) {
    }

    Answer post(String path, Object body) {
        return call("POST", path, body);
    }

    Answer get(String path) {
        return call("GET", path, null);
    }

    private int status(String method, String path, Object body) {
        try {
            return call(method, path, body).status();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    Answer call(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Authorization", demoUser(path));
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The embedded default's demo user for the path: the gateway checks tokens, monitor reads metrics, operator does the rest. */
    private static String demoUser(String path) {
        String user = path.startsWith("/api/v1/token-checks") ? "gateway" : path.startsWith("/actuator/") ? "monitor" : "operator";
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A counter of this node's Micrometer registry (Axon's metrics are tagged by processor name). */
    double metric(String name, String tag) {
        Answer answer = get("/actuator/metrics/" + name + "?tag=" + tag);
        assertThat(answer.status()).as("metric %s{%s} on %s", name, tag, this.name).isEqualTo(200);
        return answer.body().path("measurements").get(0).path("value").asDouble();
    }

    @Override
    public String toString() {
        return name + ":" + port;
    }
}
