package jp.consentledger.system.torture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One side of the ledger in its own JVM (this test's classpath minus the other side), restartable on the
 * same port after a {@code kill -9}, so that writers and checks keep their address.
 */
final class SideNode {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String mainClass;
    private final String otherSide;
    private final List<String> arguments;
    final int port;
    private final Path log;
    private Process process;

    private SideNode(String name, String mainClass, String otherSide, List<String> arguments) {
        this.name = name;
        this.mainClass = mainClass;
        this.otherSide = otherSide;
        this.arguments = arguments;
        this.port = freePort();
        try {
            this.log = Files.createDirectories(Path.of("target", "torture")).resolve(name + ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SideNode command(String name, String... arguments) {
        return new SideNode(name, "jp.consentledger.command.CommandSideApplication", "query-side", List.of(arguments));
    }

    static SideNode query(String name, String... arguments) {
        return new SideNode(name, "jp.consentledger.query.QuerySideApplication", "command-side", List.of(arguments));
    }

    SideNode start() {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains(File.separator + otherSide + File.separator)
                        && !entry.contains(File.separator + "system-tests" + File.separator))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // 1 GB: at 384 MB a query side restarted on a store of ~140,000 events spent more CPU in collections than
                // in its handlers and was still not ready after 4 minutes (full torture run of 2026-12-03).
                "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Duser.timezone=UTC",
                "-cp", classpath, mainClass, "--server.port=" + port, "--spring.main.banner-mode=off"));
        command.addAll(arguments);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    SideNode awaitReady() {
        try {
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                assertThat(process.isAlive()).as("%s is running (see %s)", name, log.toAbsolutePath()).isTrue();
                Answer readiness = readiness();
                assertThat(readiness.status()).as("%s readiness: %s", name, readiness.body()).isEqualTo(200);
            });
        } catch (org.awaitility.core.ConditionTimeoutException notReady) {
            recordWhyNotReady();
            throw notReady;
        }
        return this;
    }

    private Answer readiness() {
        try {
            return call("GET", "/actuator/health/readiness", null, "monitor");
        } catch (UncheckedIOException e) {
            return new Answer(-1, JSON.getNodeFactory().textNode(String.valueOf(e.getCause())), "", null);
        }
    }

    /** Into this node's log: what readiness says, the heap and every thread, for whoever reads why it never got ready. */
    private void recordWhyNotReady() {
        if (!process.isAlive()) {
            return;
        }
        try {
            Files.writeString(log, "\n=== not ready after 4 minutes: " + readiness() + "\n", StandardOpenOption.APPEND);
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            for (String command : List.of("GC.heap_info", "Thread.print")) {
                new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start().waitFor();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: no shutdown hook, no transaction finished, no claim released. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int statusOf(String path) {
        try {
            return call("GET", path, null, "monitor").status();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    record Answer(int status, JsonNode body, String contentType, String retryAfter) {
    }

    /** An HTTP call as {@code user} (a demo user, password = name); IOException when nobody answers. */
    Answer call(String method, String path, Object body, String user) {
        return call(method, path, body, user, user);
    }

    Answer call(String method, String path, Object body, String user, String password) {
        return call(method, path, body, user, password, Duration.ofSeconds(30));
    }

    /** With a longer wait than the default 30 s, for the verification of a whole store. */
    Answer call(String method, String path, Object body, String user, String password, Duration timeout) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            } catch (IOException notJson) {
                json = JSON.getNodeFactory().textNode(response.body());
            }
            return new Answer(response.statusCode(), json, response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
