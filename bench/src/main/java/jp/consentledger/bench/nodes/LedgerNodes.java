package jp.consentledger.bench.nodes;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the ledger's two sides as separate processes from their built jars, on free ports, on the store
 * their arguments name: the embedded default's ({@link EmbeddedDefault#nodeArgs}) or a PostgreSQL's.
 */
public final class LedgerNodes {
    /** Shared by both sides and the generator: the keyed hash of a token must agree everywhere. */
    public static final String TOKEN_SECRET = "benchmark-token-secret-0123456789abcdef-0123";
    public static final String GATEWAY = Http.basic("gateway", "gateway");
    public static final String OPERATOR = Http.basic("operator", "operator");
    public static final String DISPUTE = Http.basic("dispute", "dispute");
    public static final List<String> COMMAND_JVM = List.of("-Xms512m", "-Xmx1g");
    public static final List<String> QUERY_JVM = List.of("-Xms1g", "-Xmx4g");
    /**
     * A gateway node as docs/gateway.md deploys it: ZGC, whose pauses stay under a millisecond, where G1's
     * young collections over a heap holding 1 M tokens paused 45 to 78 ms (run 20261203-203819's profile).
     */
    public static final List<String> GATEWAY_JVM = List.of("-Xms1g", "-Xmx4g", "-XX:+UseZGC");
    /** A gateway keeps its connections open; Tomcat's default would close each after 100 requests. */
    public static final List<String> COMMON_ARGS = List.of("--server.tomcat.max-keep-alive-requests=-1",
            "--management.endpoint.health.show-details=always");

    private final Path repository;
    private final Path logs;

    public LedgerNodes(Path repository, Path logs) {
        this.repository = repository;
        this.logs = logs;
    }

    public record Node(JavaProcess process, int port) implements AutoCloseable {
        public URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        public Duration awaitReady(Duration timeout) throws InterruptedException {
            return process.awaitHttp200(uri("/actuator/health/readiness"), timeout, null);
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /** Keys drawn for this run, for nodes under a profile (which refuses the published demo values). */
    public static List<String> realSecrets() {
        try {
            java.security.SecureRandom random = new java.security.SecureRandom();
            java.security.KeyPair signing = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
            return List.of("--ledger.idempotency.encryption-key=" + base64.encodeToString(random.generateSeed(32)),
                    "--ledger.audit.signing.private-key=" + base64.encodeToString(signing.getPrivate().getEncoded()),
                    "--ledger.audit.signing.public-key=" + base64.encodeToString(signing.getPublic().getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Node commandSide(String label, Path dataDir, List<String> args) throws IOException {
        return start("command-side", label, COMMAND_JVM, dataDir, args);
    }

    public Node querySide(String label, Path dataDir, List<String> args) throws IOException {
        return start("query-side", label, QUERY_JVM, dataDir, args);
    }

    /** A query node in the gateway role ({@code ledger.role=gateway}), with a gateway's JVM settings. */
    public Node gatewayQuerySide(String label, Path dataDir, List<String> args) throws IOException {
        List<String> all = new ArrayList<>(args);
        all.add("--ledger.role=gateway");
        return start("query-side", label, GATEWAY_JVM, dataDir, all);
    }

    private Node start(String module, String label, List<String> jvm, Path dataDir, List<String> args) throws IOException {
        Path jar = repository.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": build first (bin/bench does)");
        }
        int port = JavaProcess.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.add("--ledger.data-dir=" + dataDir.toAbsolutePath());
        command.addAll(COMMON_ARGS);
        command.addAll(args);
        Path log = logs.resolve(label + "-" + module + ".log");
        JavaProcess process = JavaProcess.start(label + " " + module, command,
                Map.of("LEDGER_TOKEN_HMAC_SECRET", TOKEN_SECRET), repository, log);
        return new Node(process, port);
    }
}
