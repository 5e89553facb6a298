package jp.consentledger.system.security;

import jp.consentledger.system.security.Http.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static jp.consentledger.system.security.Http.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One full run of both sides with security on: the walkthrough as the roles of API.md, the whole
 * role × endpoint matrix, two providers probing each other's ids, idempotency keys, the metrics,
 * and at the end a scan of every log line and every database column for every token and secret
 * issued and every customer id registered during the run.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityFullRunTest {
    private static final String[] OPERATOR = {"operator", "operator"};
    private static final String[] GATEWAY = {"gateway", "gateway"};
    private static final String[] AUDITOR = {"auditor", "auditor"};
    private static final String[] DISPUTE = {"dispute", "dispute"};
    private static final String[] MONITOR = {"monitor", "monitor"};

    static Path dataDir;
    static SecuredLedger ledger;
    static String cmd;
    static String qry;

    /** Everything that must never appear in a log line or a stored column. */
    static final List<String> secrets = new CopyOnWriteArrayList<>();
    static final List<String> customerIds = new CopyOnWriteArrayList<>();

    static String[] alpha;
    static String[] beta;
    static String linkageA;
    static String linkageB;
    static String tokenA;
    static String tokenB;

    @BeforeAll
    static void startBothSidesAndWalkThrough() throws Exception {
        dataDir = Files.createTempDirectory("ledger-security");
        // DEBUG on the web layer and Axon, so request and message logging is scanned too.
        ledger = new SecuredLedger(dataDir, "--logging.level.org.springframework.web=DEBUG",
                "--logging.level.org.axonframework=DEBUG", "--logging.level.jp.consentledger=DEBUG",
                "--logging.level.org.springframework.security=DEBUG");
        cmd = ledger.commandUrl();
        qry = ledger.queryUrl();

        ok(post(cmd + "/api/v1/terms", OPERATOR, "{\"version\":\"2026-01\",\"effectiveFrom\":\"2026-01-01T00:00:00+09:00\","
                + "\"documentSha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}"), 201);
        alpha = registerProvider("p-alpha");
        beta = registerProvider("p-beta");
        registerAccount("acc-a", "p-alpha");
        registerAccount("acc-b", "p-beta");

        Answer grantA = call("POST", cmd + "/api/v1/accounts/acc-a/linkages").as(OPERATOR[0], OPERATOR[1])
                .header("Idempotency-Key", "grant-a-1").header("X-Correlation-Id", "walkthrough-grant-a")
                .json("{\"providerId\":\"p-alpha\",\"scopes\":[\"BALANCE\"],\"chainedRecipients\":[]}").send();
        ok(grantA, 201);
        linkageA = grantA.field("linkageId");
        tokenA = grantA.field("token");
        secrets.add(tokenA);
        Answer grantB = ok(post(cmd + "/api/v1/accounts/acc-b/linkages", OPERATOR,
                "{\"providerId\":\"p-beta\",\"scopes\":[\"BALANCE\",\"TRANSACTIONS\"],\"chainedRecipients\":[]}"), 201);
        linkageB = grantB.field("linkageId");
        tokenB = grantB.field("token");
        secrets.add(tokenB);

        // The linkage directory and live token validity are separate processors: wait for both.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                get(qry + "/api/v1/linkages/" + linkageB, AUDITOR).status() == 200
                        && tokenCheck(tokenA, "BALANCE").status() == 200
                        && "VALID".equals(tokenCheck(tokenB, "BALANCE").field("reason")));
        assertThat(tokenCheck(tokenA, "BALANCE").field("reason")).isEqualTo("VALID");
        assertThat(tokenCheck("no-such-token", "BALANCE").field("reason")).isEqualTo("UNKNOWN_TOKEN");
        assertThat(tokenCheck(tokenB, "BALANCE").field("reason")).isEqualTo("VALID");
        // A token check's answer leaves in one write (query side's SingleWriteResponses): sized, not chunked.
        Answer sized = tokenCheck(tokenB, "BALANCE");
        assertThat(sized.raw().headers().firstValue("Content-Length")).isPresent();
        assertThat(sized.raw().headers().firstValue("Transfer-Encoding")).isEmpty();
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    @Order(1)
    void aProviderRequestsRevocationOfItsOwnLinkageAndTheBankConfirmsIt() {
        ok(post(cmd + "/api/v1/linkages/" + linkageA + "/revocation-requests", alpha, requestedNow()), 202);
        ok(post(cmd + "/api/v1/linkages/" + linkageA + "/revocation-confirmations", OPERATOR, null), 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "REVOKED".equals(tokenCheck(tokenA, "BALANCE").field("reason")));
        // The audit's token check takes a plain token too: it must not surface in logs either (scanned at the end).
        String auditCheck = "{\"token\":\"" + tokenA + "\",\"scope\":\"BALANCE\",\"at\":\"" + java.time.Instant.now() + "\"}";
        await().atMost(Duration.ofSeconds(30)).until(() -> post(qry + "/api/v1/audit/token-checks", DISPUTE, auditCheck).status() == 200);
        // An operator may not send a provider's revocation request (API.md), however valid.
        assertThat(post(cmd + "/api/v1/linkages/" + linkageB + "/revocation-requests", OPERATOR, requestedNow()).status())
                .isEqualTo(403);
    }

    @Test
    @Order(2)
    void everyRoleOnEveryEndpointIsAllowedForbiddenOrAskedToAuthenticate() {
        Map<String, String[]> principals = new LinkedHashMap<>();
        principals.put("OPERATOR", OPERATOR);
        principals.put("GATEWAY", GATEWAY);
        principals.put("AUDITOR", AUDITOR);
        principals.put("DISPUTE_HANDLER", DISPUTE);
        principals.put("MONITORING", MONITOR);
        principals.put("PROVIDER", beta);
        principals.put("NONE", null);

        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Endpoint endpoint : endpoints()) {
            for (Map.Entry<String, String[]> principal : principals.entrySet()) {
                String[] credentials = principal.getValue();
                Http.Call call = call(endpoint.method(), endpoint.url());
                if (credentials != null) {
                    call.as(credentials[0], credentials[1]);
                }
                if (endpoint.body() != null) {
                    call.json(endpoint.body());
                }
                Answer answer = call.send();
                checked++;
                int expected = credentials == null ? 401 : endpoint.roles().contains(principal.getKey()) ? 0 : 403;
                boolean right = expected == 0 ? answer.status() != 401 && answer.status() != 403 && answer.status() < 500
                        : answer.status() == expected && answer.isProblem();
                if (!right) {
                    wrong.add(principal.getKey() + " " + endpoint.method() + " " + endpoint.url() + " -> " + answer);
                }
            }
        }
        assertThat(checked).isGreaterThan(200);
        assertThat(wrong).isEmpty();
    }

    @Test
    @Order(3)
    void aProviderProbingAnotherProvidersIdsLearnsNothing() {
        String unknownLinkage = "lnk-" + UUID.randomUUID();
        List<String> leaks = new ArrayList<>();
        // Each pair: the other provider's id, and an id that does not exist at all: the answers must match.
        compare(leaks, alpha, "GET", qry + "/api/v1/linkages/", linkageB, unknownLinkage, null);
        compare(leaks, beta, "GET", qry + "/api/v1/linkages/", linkageA, unknownLinkage, null);
        compare(leaks, alpha, "GET", qry + "/api/v1/providers/", "p-beta", "p-nobody", "/linkages");
        compare(leaks, beta, "GET", qry + "/api/v1/providers/", "p-alpha", "p-nobody", "/linkages");
        compare(leaks, alpha, "GET", qry + "/api/v1/providers/", "p-beta", "p-nobody", "/linkages?status=ACTIVE");
        compare(leaks, alpha, "POST", cmd + "/api/v1/linkages/", linkageB, unknownLinkage, "/revocation-requests");
        compare(leaks, alpha, "GET", cmd + "/api/v1/providers/", "p-beta", "p-nobody", "/credentials/current");
        compare(leaks, beta, "POST", cmd + "/api/v1/linkages/", linkageA, unknownLinkage, "/revocation-requests");
        // Endpoints a provider may not use at all answer 403 whatever the id: nothing to compare, nothing to learn.
        for (String[] provider : List.of(alpha, beta)) {
            for (String account : List.of("acc-a", "acc-b", "acc-nobody")) {
                assertThat(get(qry + "/api/v1/accounts/" + account + "/linkages", provider).status()).isEqualTo(403);
            }
            for (String linkage : List.of(linkageA, linkageB, unknownLinkage)) {
                assertThat(get(qry + "/api/v1/audit/linkages/" + linkage + "/history", provider).status()).isEqualTo(403);
                assertThat(post(cmd + "/api/v1/linkages/" + linkage + "/revocations", provider, "{\"reason\":\"x\"}").status())
                        .isEqualTo(403);
            }
        }
        assertThat(leaks).isEmpty();

        // And each still sees its own.
        Answer own = get(qry + "/api/v1/linkages/" + linkageB, beta);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.field("providerId")).isEqualTo("p-beta");
        Answer list = get(qry + "/api/v1/providers/p-beta/linkages", beta);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items")).hasSize(1);
        // Staff see both.
        assertThat(get(qry + "/api/v1/linkages/" + linkageB, OPERATOR).status()).isEqualTo(200);
        assertThat(get(qry + "/api/v1/providers/p-alpha/linkages", DISPUTE).status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void anIdempotencyKeyRepeatsTheFirstAnswerAndRecordsNothingNew() {
        long events = ledger.count("SELECT COUNT(*) FROM domain_event_entry");
        String body = "{\"providerId\":\"p-alpha\",\"scopes\":[\"BALANCE\"],\"chainedRecipients\":[]}";
        Answer repeat = call("POST", cmd + "/api/v1/accounts/acc-a/linkages").as(OPERATOR[0], OPERATOR[1])
                .header("Idempotency-Key", "grant-a-1").json(body).send();
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.field("token")).isEqualTo(tokenA);
        assertThat(repeat.field("linkageId")).isEqualTo(linkageA);
        assertThat(repeat.raw().headers().firstValue("Idempotency-Replayed")).contains("true");
        assertThat(ledger.count("SELECT COUNT(*) FROM domain_event_entry")).isEqualTo(events);

        Answer otherBody = call("POST", cmd + "/api/v1/accounts/acc-a/linkages").as(OPERATOR[0], OPERATOR[1])
                .header("Idempotency-Key", "grant-a-1").json(body.replace("BALANCE", "TRANSACTIONS")).send();
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.field("code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");

        // Keys belong to their principal: the same key from another caller is a different key.
        String revocation = requestedNow();
        Answer anotherCaller = call("POST", cmd + "/api/v1/linkages/" + linkageB + "/revocation-requests").as(beta[0], beta[1])
                .header("Idempotency-Key", "grant-a-1").json(revocation).send();
        assertThat(anotherCaller.status()).as(anotherCaller.toString()).isEqualTo(202);
        Answer anotherCallerAgain = call("POST", cmd + "/api/v1/linkages/" + linkageB + "/revocation-requests").as(beta[0], beta[1])
                .header("Idempotency-Key", "grant-a-1").json(revocation).send();
        assertThat(anotherCallerAgain.status()).isEqualTo(202);
        assertThat(anotherCallerAgain.body()).isEqualTo(anotherCaller.body());

        // A refusal is a decision too, and is repeated as such; malformed input is not kept.
        Answer refused = call("POST", cmd + "/api/v1/accounts/acc-a/suspension").as(OPERATOR[0], OPERATOR[1])
                .header("Idempotency-Key", "k-bad").json("{\"reason\":\"\"}").send();
        assertThat(refused.status()).isEqualTo(400);
        Answer fixed = call("POST", cmd + "/api/v1/accounts/acc-a/suspension").as(OPERATOR[0], OPERATOR[1])
                .header("Idempotency-Key", "k-bad").json("{\"reason\":\"card lost\"}").send();
        assertThat(fixed.status()).isEqualTo(200);
        assertThat(call("DELETE", cmd + "/api/v1/accounts/acc-a/suspension").as(OPERATOR[0], OPERATOR[1]).send().status())
                .isEqualTo(200);

        Answer badKey = call("POST", cmd + "/api/v1/accounts/acc-a/closure").as(OPERATOR[0], OPERATOR[1])
                .header("Idempotency-Key", "x".repeat(300)).json("{\"reason\":\"r\"}").send();
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.field("code")).isEqualTo("INVALID_IDEMPOTENCY_KEY");
    }

    @Test
    @Order(5)
    void aRepeatWhileTheFirstIsInFlightIsAConflict() throws SQLException {
        // The first request's claim, as a node that is still handling it leaves it.
        String keyHash = IdempotencyHashes.keyHash("operator", "in-flight-1");
        String body = "{\"reason\":\"maintenance\"}";
        String requestHash = IdempotencyHashes.requestHash("POST", "/api/v1/accounts/acc-b/suspension", "operator", body);
        try (Connection c = ledger.connect(); var insert = c.prepareStatement("INSERT INTO cmd_idempotency_key"
                + " (key_hash, request_hash, state, created_at) VALUES (?, ?, 'IN_FLIGHT', CURRENT_TIMESTAMP)")) {
            insert.setString(1, keyHash);
            insert.setString(2, requestHash);
            insert.executeUpdate();
        }
        Answer repeat = call("POST", cmd + "/api/v1/accounts/acc-b/suspension").as(OPERATOR[0], OPERATOR[1])
                .header("Idempotency-Key", "in-flight-1").json(body).send();
        assertThat(repeat.status()).isEqualTo(409);
        assertThat(repeat.field("code")).isEqualTo("IDEMPOTENCY_KEY_IN_FLIGHT");
        assertThat(repeat.isProblem()).isTrue();
    }

    @Test
    @Order(6)
    void randomMalformedAndOversizedRequestsNeverGetA500AndEveryErrorIsProblemJson() {
        List<OpenApiOperations.Operation> operations = new ArrayList<>(OpenApiOperations.of(cmd));
        operations.addAll(OpenApiOperations.of(qry));
        assertThat(operations).hasSizeGreaterThan(30);
        RequestFuzzer fuzzer = new RequestFuzzer(20261122L, cmd, qry, List.of(OPERATOR, GATEWAY, AUDITOR, DISPUTE, alpha),
                List.of(linkageA, linkageB), endpoints(), operations);
        List<String> failures = fuzzer.run(3200);
        writeFigures(fuzzer.figures());
        assertThat(failures).isEmpty();
        // Every operation of both documents was met, and met often.
        assertThat(fuzzer.hits().keySet()).containsExactlyInAnyOrderElementsOf(
                operations.stream().map(OpenApiOperations.Operation::key).toList());
        assertThat(fuzzer.hits().values()).allSatisfy(hits -> assertThat(hits).isGreaterThanOrEqualTo(20));
    }

    /** Printed, and kept beside the torture suite's (bin/torture runs both; RELIABILITY.md quotes them). */
    private static void writeFigures(String figures) {
        System.out.println("Fuzzer figures:\n" + figures);
        try {
            Path folder = Path.of("target", "torture");
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("fuzzer.md"), figures);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(7)
    void prometheusShowsAxonsAndTheLedgersMetricsToMonitoringOnly() {
        assertThat(get(cmd + "/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(get(qry + "/actuator/prometheus", OPERATOR).status()).isEqualTo(403);
        assertThat(get(cmd + "/actuator/health", null).status()).isEqualTo(200);
        assertThat(get(qry + "/actuator/health/readiness", null).status()).isEqualTo(200);

        String command = get(cmd + "/actuator/prometheus", MONITOR).body();
        assertThat(command).contains("ledger_commands_total{code=\"none\",command=\"GrantLinkage\",outcome=\"accepted\"}");
        assertThat(command).contains("ledger_commands_total{code=\"none\",command=\"RequestRevocation\",outcome=\"accepted\"}");
        assertThat(command).containsPattern("ledger_commands_total\\{code=\"[A-Z_]+\",command=\"\\w+\",outcome=\"refused\"}");
        assertThat(command).containsPattern("commandBus_successCounter_total\\{[^}]*payloadType=\"GrantLinkage\"");

        Answer verification = get(qry + "/api/v1/audit/verification", AUDITOR);
        assertThat(verification.status()).as(verification.toString()).isEqualTo(200);
        assertThat(verification.json().path("verified").asBoolean()).isTrue();
        String query = get(qry + "/actuator/prometheus", MONITOR).body();
        assertThat(query).contains("ledger_audit_verification_verified 1.0");
        assertThat(query).contains("ledger_token_checks_total{reason=\"VALID\"}");
        assertThat(query).contains("ledger_token_checks_total{reason=\"REVOKED\"}");
        assertThat(query).contains("ledger_token_checks_total{reason=\"UNKNOWN_TOKEN\"}");
        assertThat(query).containsPattern("ledger_revocation_enforcement_lag_seconds_count [1-9]");
        assertThat(query).contains("ledger_revocation_enforcement_lag_seconds_bucket");
        assertThat(query).contains("ledger_audit_verification_verified");
        assertThat(query).containsPattern("eventProcessor_successCounter_total\\{[^}]*processorName=\"token-validity\"");
        assertThat(query).containsPattern("eventProcessor_latency[a-zA-Z_]*\\{[^}]*processorName=\"linkage-directory\"");
        // Tagged by processor only: a tag per event type cost a lookup of every meter for every event (ProcessorMonitors).
        assertThat(query).containsPattern("eventProcessor_allTimer_seconds_count\\{[^}]*processorName=\"audit-index\"")
                .doesNotContainPattern("eventProcessor_[a-zA-Z_]*\\{[^}]*payloadType=");
    }

    @Test
    @Order(8)
    void bothSidesPublishTheirOpenApiWithBothSecuritySchemesExamplesAndProblemResponsesWithoutAuthentication() {
        for (String side : List.of(cmd, qry)) {
            Answer docs = get(side + "/v3/api-docs", null);
            assertThat(docs.status()).isEqualTo(200);
            assertThat(docs.json().path("components").path("securitySchemes").has("basic")).isTrue();
            assertThat(docs.json().path("components").path("securitySchemes").path("bearer-jwt").path("bearerFormat").asText())
                    .isEqualTo("JWT");
            assertThat(docs.json().path("components").path("schemas").has("Problem")).isTrue();
            assertThat(get(side + "/swagger-ui/index.html", null).status()).isEqualTo(200);
        }
        var grant = get(cmd + "/v3/api-docs", null).json().path("paths").path("/api/v1/accounts/{accountId}/linkages").path("post");
        assertThat(grant.path("requestBody").path("content").path("application/json").path("examples").path("example")
                .path("value").path("providerId").asText()).isEqualTo("pfm-alpha");
        assertThat(grant.path("responses").path("422").path("content").has("application/problem+json")).isTrue();
        assertThat(grant.path("parameters").findValuesAsText("name")).contains("Idempotency-Key", "X-Correlation-Id");
        var check = get(qry + "/v3/api-docs", null).json().path("paths").path("/api/v1/token-checks").path("post");
        assertThat(check.path("responses").has("401")).isTrue();
        assertThat(check.path("responses").has("503")).isTrue();
    }

    @Test
    @Order(9)
    void theCorrelationIdOfTheRequestIsRecordedWithItsEvents() {
        assertThat(ledger.count("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type LIKE '%LinkageGrantedEvent'"
                + " AND UTF8TOSTRING(meta_data) LIKE '%walkthrough-grant-a%'")).isEqualTo(1);
    }

    @Test
    @Order(10)
    void aSuspendedProviderStillReadsItsLinkagesButATerminatedOneCannotAuthenticate() {
        ok(post(cmd + "/api/v1/providers/p-beta/suspension", OPERATOR, "{\"reason\":\"audit pending\"}"), 200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "SUSPENDED".equals(get(qry + "/api/v1/linkages/" + linkageB, AUDITOR).field("providerStatus")));
        assertThat(get(qry + "/api/v1/linkages/" + linkageB, beta).status()).isEqualTo(200);

        ok(post(cmd + "/api/v1/providers/p-beta/termination", OPERATOR, "{\"reason\":\"contract ended\"}"), 200);
        Answer command = post(cmd + "/api/v1/linkages/" + linkageB + "/revocation-requests", beta, requestedNow());
        assertThat(command.status()).isEqualTo(401);
        assertThat(command.field("code")).isEqualTo("UNAUTHENTICATED");
        await().atMost(Duration.ofSeconds(30)).until(() -> get(qry + "/api/v1/linkages/" + linkageB, beta).status() == 401);
    }

    @Test
    @Order(11)
    void noTokenSecretOrCustomerIdAppearsInAnyLogLineOrAnyStoredColumn(CapturedOutput output) throws SQLException {
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(4);
        assertThat(customerIds).hasSize(2);
        assertThat(ledger.count("SELECT COUNT(*) FROM cmd_idempotency_key WHERE state = 'COMPLETED'")).isPositive();

        String logs = output.getAll();
        assertThat(logs).contains("p-alpha"); // the scan sees the run's log lines
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            if (logs.contains(secret)) {
                found.add("log: a token or secret");
            }
        }
        for (String customerId : customerIds) {
            if (logs.contains(customerId)) {
                found.add("log: customer id " + customerId);
            }
        }

        Set<String> scannedColumns = new HashSet<>();
        try (Connection c = ledger.connect()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getColumns(null, null, "%", "%")) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (!"INFORMATION_SCHEMA".equals(schema)) {
                        columns.add(new String[]{schema, rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME"),
                                String.valueOf(rs.getInt("DATA_TYPE"))});
                    }
                }
            }
            for (String[] column : columns) {
                int type = Integer.parseInt(column[3]);
                boolean text = type == Types.VARCHAR || type == Types.CHAR || type == Types.CLOB || type == Types.LONGVARCHAR
                        || type == Types.NVARCHAR;
                boolean binary = type == Types.VARBINARY || type == Types.BINARY || type == Types.BLOB
                        || type == Types.LONGVARBINARY;
                if (!text && !binary) {
                    continue;
                }
                scannedColumns.add(column[1] + "." + column[2]);
                String sql = "SELECT \"" + column[2] + "\" FROM \"" + column[0] + "\".\"" + column[1] + "\"";
                try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                    while (rs.next()) {
                        String value = binary ? bytes(rs.getBytes(1)) : rs.getString(1);
                        if (value == null) {
                            continue;
                        }
                        for (String secret : secrets) {
                            if (value.contains(secret)) {
                                found.add("db: " + column[1] + "." + column[2] + " holds a token or secret");
                            }
                        }
                    }
                }
            }
        }
        assertThat(scannedColumns).contains("DOMAIN_EVENT_ENTRY.PAYLOAD", "DOMAIN_EVENT_ENTRY.META_DATA",
                "CMD_IDEMPOTENCY_KEY.ANSWER", "RM_LINKAGE.LINKAGE_ID", "CMD_PROVIDER_SECRET.SECRET_HASH");
        assertThat(found).isEmpty();
    }

    // --- the endpoints of API.md (plus this ledger's additions), with the roles that may call them

    record Endpoint(String method, String url, String body, Set<String> roles) {
    }

    static List<Endpoint> endpoints() {
        Set<String> operator = Set.of("OPERATOR");
        Set<String> staff = Set.of("OPERATOR", "AUDITOR", "DISPUTE_HANDLER");
        Set<String> readers = Set.of("OPERATOR", "AUDITOR", "DISPUTE_HANDLER", "PROVIDER");
        Set<String> audit = Set.of("AUDITOR", "DISPUTE_HANDLER");
        String reason = "{\"reason\":\"matrix\"}";
        String l = "lnk-" + UUID.nameUUIDFromBytes("matrix".getBytes(StandardCharsets.UTF_8));
        return List.of(
                new Endpoint("POST", cmd + "/api/v1/providers", "{\"providerId\":\"p-matrix\",\"name\":\"Matrix\"}", operator),
                new Endpoint("POST", cmd + "/api/v1/providers/p-nobody/suspension", reason, operator),
                new Endpoint("DELETE", cmd + "/api/v1/providers/p-nobody/suspension", null, operator),
                new Endpoint("POST", cmd + "/api/v1/providers/p-nobody/termination", reason, operator),
                new Endpoint("POST", cmd + "/api/v1/providers/p-nobody/credentials", null, operator),
                new Endpoint("GET", cmd + "/api/v1/providers/p-nobody/credentials/current", null, Set.of("OPERATOR", "PROVIDER")),
                new Endpoint("POST", cmd + "/api/v1/terms", "{\"version\":\"2026-01\",\"effectiveFrom\":\"2026-01-01T00:00:00Z\","
                        + "\"documentSha256\":\"00\"}", operator),
                new Endpoint("POST", cmd + "/api/v1/accounts", "{\"accountId\":\"acc-matrix\"}", operator),
                new Endpoint("POST", cmd + "/api/v1/accounts/acc-nobody/registration-renewals",
                        "{\"termsVersion\":\"2026-01\",\"identityVerificationRef\":\"idv\"}", operator),
                new Endpoint("POST", cmd + "/api/v1/accounts/acc-nobody/closure", reason, operator),
                new Endpoint("POST", cmd + "/api/v1/accounts/acc-nobody/suspension", reason, operator),
                new Endpoint("DELETE", cmd + "/api/v1/accounts/acc-nobody/suspension", null, operator),
                new Endpoint("POST", cmd + "/api/v1/accounts/acc-nobody/linkages",
                        "{\"providerId\":\"p-alpha\",\"scopes\":[\"BALANCE\"],\"chainedRecipients\":[]}", operator),
                new Endpoint("POST", cmd + "/api/v1/linkages/" + l + "/revocation-requests",
                        "{\"requestedAt\":\"2026-05-01T10:03:00+09:00\"}", Set.of("PROVIDER")),
                new Endpoint("POST", cmd + "/api/v1/linkages/" + l + "/revocation-confirmations", null, operator),
                new Endpoint("PATCH", cmd + "/api/v1/linkages/" + l, "{\"scopes\":[\"BALANCE\"]}", operator),
                new Endpoint("POST", cmd + "/api/v1/linkages/" + l + "/revocations", reason, operator),
                new Endpoint("POST", cmd + "/api/v1/linkages/" + l + "/suspension", reason, operator),
                new Endpoint("DELETE", cmd + "/api/v1/linkages/" + l + "/suspension", null, operator),
                new Endpoint("POST", cmd + "/api/v1/breaches", "{\"kind\":\"DATA_LEAK\"}", operator),
                new Endpoint("POST", cmd + "/api/v1/breaches/brc-nobody/disclosures", "{}", operator),
                new Endpoint("POST", cmd + "/api/v1/breaches/brc-nobody/resolution", "{\"summary\":\"s\"}", operator),
                new Endpoint("POST", cmd + "/api/v1/service-suspensions", "{\"until\":\"2020-01-01T00:00:00Z\",\"reason\":\"r\"}",
                        operator),
                new Endpoint("DELETE", cmd + "/api/v1/service-suspensions/sus-nobody", null, operator),
                new Endpoint("GET", cmd + "/actuator/prometheus", null, Set.of("MONITORING")),
                new Endpoint("GET", cmd + "/actuator/metrics", null, Set.of("MONITORING")),

                new Endpoint("POST", qry + "/api/v1/token-checks", "{\"token\":\"nope\",\"scope\":\"BALANCE\"}", Set.of("GATEWAY")),
                new Endpoint("GET", qry + "/api/v1/linkages/" + l, null, readers),
                new Endpoint("GET", qry + "/api/v1/providers/p-nobody/linkages", null, readers),
                new Endpoint("GET", qry + "/api/v1/accounts/acc-nobody/linkages", null, staff),
                new Endpoint("GET", qry + "/api/v1/audit/linkages/" + l + "/history", null, audit),
                new Endpoint("GET", qry + "/api/v1/audit/accounts/acc-nobody/history", null, audit),
                new Endpoint("GET", qry + "/api/v1/audit/linkages/" + l + "/state?at=2026-05-01T10:00:00Z", null, audit),
                new Endpoint("POST", qry + "/api/v1/audit/token-checks",
                        "{\"token\":\"nope\",\"scope\":\"BALANCE\",\"at\":\"2026-05-01T10:00:00Z\"}", audit),
                new Endpoint("GET", qry + "/api/v1/audit/verification", null, Set.of("AUDITOR")),
                new Endpoint("POST", qry + "/api/v1/audit/checkpoints", null, Set.of("AUDITOR")),
                new Endpoint("POST", qry + "/api/v1/audit/replays", "{}", Set.of("AUDITOR")),
                new Endpoint("GET", qry + "/api/v1/audit/replays/rpl-nobody", null, Set.of("AUDITOR")),
                new Endpoint("GET", qry + "/actuator/prometheus", null, Set.of("MONITORING")));
    }

    // --- helpers

    private void compare(List<String> leaks, String[] provider, String method, String prefix, String othersId,
                         String unknownId, String suffix) {
        String tail = suffix == null ? "" : suffix;
        String body = method.equals("POST") ? "{\"requestedAt\":\"2026-05-01T10:03:00+09:00\"}" : null;
        Answer others = send(method, prefix + othersId + tail, provider, body);
        Answer unknown = send(method, prefix + unknownId + tail, provider, body);
        String othersShape = others.body().replace(othersId, "<id>");
        String unknownShape = unknown.body().replace(unknownId, "<id>");
        if (others.status() != 404 || unknown.status() != 404 || !othersShape.equals(unknownShape)
                || !String.valueOf(others.contentType()).equals(String.valueOf(unknown.contentType()))) {
            leaks.add(provider[0] + " " + method + " " + prefix + othersId + tail + " -> " + others + " vs " + unknown);
        }
    }

    private static String[] registerProvider(String providerId) {
        Answer answer = ok(post(cmd + "/api/v1/providers", OPERATOR, "{\"providerId\":\"" + providerId + "\",\"name\":\"" + providerId
                + " Co.\"}"), 201);
        String secret = answer.field("secret");
        secrets.add(secret);
        return new String[]{providerId, secret};
    }

    private static void registerAccount(String accountId, String viaProvider) {
        String customerId = "cus-" + UUID.randomUUID();
        customerIds.add(customerId);
        ok(post(cmd + "/api/v1/accounts", OPERATOR, "{\"accountId\":\"" + accountId + "\",\"customerId\":\"" + customerId
                + "\",\"customerType\":\"INDIVIDUAL\",\"accountType\":\"ORDINARY_DEPOSIT\",\"pinRegisteredCard\":true,"
                + "\"termsVersion\":\"2026-01\",\"identityVerificationRef\":\"idv-1\",\"viaProviderId\":\"" + viaProvider + "\"}"), 201);
    }

    private static String requestedNow() {
        return "{\"requestedAt\":\"" + java.time.Instant.now() + "\"}";
    }

    static Answer tokenCheck(String token, String scope) {
        return post(qry + "/api/v1/token-checks", GATEWAY, "{\"token\":\"" + token + "\",\"scope\":\"" + scope + "\"}");
    }

    static Answer post(String url, String[] as, String json) {
        return send("POST", url, as, json);
    }

    static Answer get(String url, String[] as) {
        return send("GET", url, as, null);
    }

    static Answer send(String method, String url, String[] as, String json) {
        Http.Call call = call(method, url);
        if (as != null) {
            call.as(as[0], as[1]);
        }
        if (json != null) {
            call.json(json);
        }
        return call.send();
    }

    static Answer ok(Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        return answer;
    }

    private static String bytes(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.ISO_8859_1);
    }
}
