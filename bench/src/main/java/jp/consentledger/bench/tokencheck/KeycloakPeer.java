package jp.consentledger.bench.tokencheck;

import jp.consentledger.bench.load.OpenLoad;
import jp.consentledger.bench.nodes.Http;
import jp.consentledger.bench.nodes.JavaProcess;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The peer a bank would otherwise put behind its gateway: Keycloak's OAuth 2.0 token introspection
 * (RFC 7662), started from its distribution on Maven Central with {@code kc.sh start-dev} on a
 * loopback port. A realm is set up through the admin REST API: a provider's client ("tpp") that
 * obtains access tokens for users, and the gateway's client that introspects them.
 */
public final class KeycloakPeer implements AutoCloseable {
    private static final int USERS = 10;
    private static final int TOKENS_PER_USER = 5;

    private final JavaProcess process;
    private final int port;
    private final String version;
    private final String javaVersion;
    private final String gatewaySecret;
    private final List<String> tokens = new ArrayList<>();

    private KeycloakPeer(JavaProcess process, int port, String version, String javaVersion, String gatewaySecret) {
        this.process = process;
        this.port = port;
        this.version = version;
        this.javaVersion = javaVersion;
        this.gatewaySecret = gatewaySecret;
    }

    /** The distribution zip fetched by Maven (bin/bench: dependency:copy@keycloak-dist), if present. */
    public static Optional<Path> distribution(Path repository) throws IOException {
        Path dir = repository.resolve("bench/target/peer");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("keycloak-quarkus-dist-.*\\.zip")).findFirst();
        }
    }

    /** Keycloak 26 needs Java 21 or later: a JDK under /usr/lib/jvm (or KEYCLOAK_JAVA_HOME). */
    public static Optional<Path> javaHome() throws IOException {
        String configured = System.getenv("KEYCLOAK_JAVA_HOME");
        if (configured != null) {
            return Optional.of(Path.of(configured));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && featureVersion(h) >= 21)
                    .max(Comparator.comparingInt(KeycloakPeer::featureVersion));
        }
    }

    private static int featureVersion(Path home) {
        try {
            return Files.readAllLines(home.resolve("release")).stream().filter(l -> l.startsWith("JAVA_VERSION="))
                    .map(l -> l.replaceAll("[^0-9.]", "").split("\\.")[0]).mapToInt(Integer::parseInt).findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    public static KeycloakPeer start(Path zip, Path workDir, Path javaHome, Path log, Duration timeout)
            throws IOException, InterruptedException {
        String version = zip.getFileName().toString().replace("keycloak-quarkus-dist-", "").replace(".zip", "");
        Path home = workDir.resolve("keycloak-" + version);
        if (!Files.isDirectory(home)) {
            unzip(zip, workDir);
            home.resolve("bin/kc.sh").toFile().setExecutable(true);
        }
        deleteTree(home.resolve("data")); // a fresh dev-file database every run
        int port = JavaProcess.freePort();
        int managementPort = JavaProcess.freePort();
        String adminPassword = randomSecret();
        Map<String, String> environment = new HashMap<>();
        environment.put("JAVA_HOME", javaHome.toString());
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        JavaProcess process = JavaProcess.start("keycloak", List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                        "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + managementPort),
                environment, home, log);
        KeycloakPeer peer = new KeycloakPeer(process, port, version, javaHome.getFileName().toString(), randomSecret());
        try {
            process.awaitHttp200(peer.uri("/realms/master"), timeout, null);
            peer.setUp(adminPassword);
        } catch (RuntimeException | IOException | InterruptedException e) {
            process.close();
            throw e;
        }
        return peer;
    }

    private void setUp(String adminPassword) throws IOException, InterruptedException {
        Http http = new Http();
        String admin = "Bearer " + http.postForm(uri("/realms/master/protocol/openid-connect/token"),
                "grant_type=password&client_id=admin-cli&username=admin&password=" + enc(adminPassword), null)
                .expect(200).json().get("access_token").asText();
        http.postJson(uri("/admin/realms"), Map.of("realm", "bench", "enabled", true, "accessTokenLifespan", 3600,
                "ssoSessionIdleTimeout", 36000, "ssoSessionMaxLifespan", 36000), admin).expect(201);
        http.postJson(uri("/admin/realms/bench/clients"), Map.of("clientId", "gateway", "secret", gatewaySecret,
                "publicClient", false, "standardFlowEnabled", false, "serviceAccountsEnabled", true), admin).expect(201);
        String tppSecret = randomSecret();
        // Tokens carry the gateway in their audience, as Keycloak requires of the client that introspects them.
        http.postJson(uri("/admin/realms/bench/clients"), Map.of("clientId", "tpp", "secret", tppSecret,
                "publicClient", false, "standardFlowEnabled", false, "directAccessGrantsEnabled", true,
                "protocolMappers", List.of(Map.of("name", "audience-gateway", "protocol", "openid-connect",
                        "protocolMapper", "oidc-audience-mapper", "config", Map.of("included.client.audience", "gateway",
                                "access.token.claim", "true", "introspection.token.claim", "true")))), admin).expect(201);
        for (int u = 0; u < USERS; u++) {
            String password = randomSecret();
            http.postJson(uri("/admin/realms/bench/users"), Map.of("username", "customer" + u, "enabled", true,
                    "email", "customer" + u + "@example.com", "emailVerified", true, "firstName", "Customer",
                    "lastName", "No" + u, "credentials", List.of(Map.of("type", "password", "value", password,
                            "temporary", false))), admin).expect(201);
            for (int t = 0; t < TOKENS_PER_USER; t++) {
                tokens.add(http.postForm(uri("/realms/bench/protocol/openid-connect/token"),
                        "grant_type=password&client_id=tpp&client_secret=" + enc(tppSecret) + "&username=customer" + u
                                + "&password=" + enc(password), null).expect(200).json().get("access_token").asText());
            }
        }
        String check = http.postForm(uri("/realms/bench/protocol/openid-connect/token/introspect"),
                "token=" + enc(tokens.get(0)), Http.basic("gateway", gatewaySecret)).expect(200).body();
        if (!check.contains("\"active\":true")) {
            throw new IllegalStateException("Keycloak's introspection did not accept its own token: " + check);
        }
    }

    /** Introspection requests as a gateway sends them: client credentials, one access token each. */
    public OpenLoad.Target target() {
        List<byte[]> requests = new ArrayList<>();
        String authorization = Http.basic("gateway", gatewaySecret);
        for (String token : tokens) {
            requests.add(TokenCheckLoad.request("POST /realms/bench/protocol/openid-connect/token/introspect", port,
                    authorization, "application/x-www-form-urlencoded", "token=" + enc(token)));
        }
        return new OpenLoad.Target(new InetSocketAddress("127.0.0.1", port), requests, "\"active\":true");
    }

    public long jvmPid() {
        return process.jvmPid();
    }

    public String description() {
        return "Keycloak " + version + " (kc.sh start-dev, its default JVM settings, on " + javaVersion + "), "
                + tokens.size() + " access tokens of " + USERS + " users";
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void unzip(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (Stream<Path> scripts = Files.walk(into)) {
            scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
