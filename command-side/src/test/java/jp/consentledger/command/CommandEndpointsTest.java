package jp.consentledger.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.command.infrastructure.DurableDeadlines;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.json.LedgerJson;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.linkage.LinkageCommands.GrantLinkage;
import jp.consentledger.kernel.linkage.LinkageExpiredEvent;
import jp.consentledger.kernel.linkage.LinkageGrantRefusedEvent;
import jp.consentledger.kernel.linkage.LinkageSuspendedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command side over HTTP on its real H2 file store: every command endpoint of API.md once, its
 * status and answer, and problem+json with a stable code when refused. Also what only the running
 * application can show: deadlines persisted and fired, and breach enforcement dispatching suspensions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommandEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper EVENTS = LedgerJson.objectMapper();
    private static final String TERMS = "v-endpoints";

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("ledger-command-test").toString();
        registry.add("ledger.data-dir", () -> dir);
        registry.add("ledger.deadlines.polling-interval", () -> "PT0.1S");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CommandGateway commands;
    @Autowired
    Clock clock;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void termsInForce() {
        // One version for every test in this context, in force since long before any of them.
        call("POST", "/api/v1/terms", """
                {"version":"%s","effectiveFrom":"2020-01-01T00:00:00+09:00","documentSha256":"%s"}"""
                .formatted(TERMS, "c".repeat(64)));
    }

    @Test
    void everyCommandEndpointAnswersWithItsStatus_andRefusalsAreProblemsWithACode() {
        String provider = "prov-" + run;
        String other = "prov2-" + run;
        String account = "acc-" + run;

        Answer registered = call("POST", "/api/v1/providers", "{\"providerId\":\"%s\",\"name\":\"Kakeibo\"}".formatted(provider));
        assertThat(registered.status).isEqualTo(201);
        assertThat(registered.body.path("secret").asText()).hasSizeGreaterThanOrEqualTo(43);
        expectProblem(call("POST", "/api/v1/providers", "{\"providerId\":\"%s\",\"name\":\"Again\"}".formatted(provider)),
                409, "PROVIDER_ALREADY_REGISTERED");
        assertThat(call("POST", "/api/v1/providers", "{\"providerId\":\"%s\",\"name\":\"Other\"}".formatted(other)).status).isEqualTo(201);
        expectProblem(call("POST", "/api/v1/terms", """
                {"version":"%s","effectiveFrom":"2020-01-01T00:00:00+09:00","documentSha256":"%s"}"""
                .formatted(TERMS, "d".repeat(64))), 409, "TERMS_VERSION_ALREADY_PUBLISHED");

        // R2.2, R4.1
        expectProblem(call("POST", "/api/v1/accounts", registration("acc-nopin-" + run, false, provider)), 422, "ACCOUNT_NOT_ELIGIBLE");
        Answer account1 = call("POST", "/api/v1/accounts", registration(account, true, provider));
        assertThat(account1.status).isEqualTo(201);
        assertThat(OffsetDateTime.parse(account1.body.path("registrationExpiresAt").asText()))
                .isAfter(OffsetDateTime.parse(account1.body.path("registeredAt").asText()));
        assertThat(call("POST", "/api/v1/accounts/" + account + "/registration-renewals",
                "{\"termsVersion\":\"%s\",\"identityVerificationRef\":\"ekyc-2\"}".formatted(TERMS)).status).isEqualTo(200);
        expectProblem(call("POST", "/api/v1/accounts/nobody-" + run + "/registration-renewals",
                "{\"termsVersion\":\"%s\",\"identityVerificationRef\":\"ekyc-2\"}".formatted(TERMS)), 404, "ACCOUNT_NOT_FOUND");

        // R4.2-4.3: grant, duplicate, amend, suspend, resume
        Answer granted = call("POST", "/api/v1/accounts/" + account + "/linkages", grantBody(provider));
        assertThat(granted.status).isEqualTo(201);
        String linkage = granted.body.path("linkageId").asText();
        String token = granted.body.path("token").asText();
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);
        assertThat(jdbc.sql("SELECT payload FROM domain_event_entry").query((rs, row) -> new String(rs.getBytes(1),
                java.nio.charset.StandardCharsets.UTF_8)).list()).as("R4.3: the plain token is in no event").noneMatch(p -> p.contains(token));
        expectProblem(call("POST", "/api/v1/accounts/" + account + "/linkages", grantBody(provider)), 409, "LINKAGE_ALREADY_ACTIVE");
        assertThat(call("PATCH", "/api/v1/linkages/" + linkage, "{\"scopes\":[\"BALANCE\"]}").status).isEqualTo(200);
        assertThat(call("POST", "/api/v1/linkages/" + linkage + "/suspension", "{\"reason\":\"check\"}").status).isEqualTo(200);
        assertThat(call("DELETE", "/api/v1/linkages/" + linkage + "/suspension", null).status).isEqualTo(200);

        // R5.1: request, confirm without request elsewhere, confirm
        Answer second = call("POST", "/api/v1/accounts/" + account + "/linkages", grantBody(other));
        String linkage2 = second.body.path("linkageId").asText();
        expectProblem(call("POST", "/api/v1/linkages/" + linkage2 + "/revocation-confirmations", null), 409, "REVOCATION_NOT_REQUESTED");
        // Only the provider itself sends a revocation request, authenticated by the secret issued at registration.
        Answer requested = call("POST", "/api/v1/linkages/" + linkage + "/revocation-requests",
                "{\"requestedAt\":\"%s\"}".formatted(clock.instant()), provider, registered.body.path("secret").asText());
        assertThat(requested.status).isEqualTo(202);
        assertThat(requested.body.path("status").asText()).isEqualTo("REVOCATION_REQUESTED");
        Answer confirmed = call("POST", "/api/v1/linkages/" + linkage + "/revocation-confirmations", null);
        assertThat(confirmed.status).isEqualTo(200);
        assertThat(confirmed.body.path("status").asText()).isEqualTo("REVOKED");
        Answer atBank = call("POST", "/api/v1/linkages/" + linkage2 + "/revocations", "{\"reason\":\"customer asked the bank\"}");
        assertThat(atBank.status).isEqualTo(200);
        assertThat(atBank.body.path("status").asText()).isEqualTo("REVOKED");
        expectProblem(call("POST", "/api/v1/linkages/" + linkage2 + "/revocations", "{\"reason\":\"again\"}"), 409, "LINKAGE_ALREADY_REVOKED");
        expectProblem(call("POST", "/api/v1/linkages/lnk-unknown-" + run + "/revocations", "{\"reason\":\"x\"}"), 404, "LINKAGE_NOT_FOUND");

        // R4.6-4.8
        expectProblem(call("POST", "/api/v1/breaches", breachBody(List.of(), List.of("acc-typo-" + run), false)), 422, "ACCOUNT_UNKNOWN");
        Answer breach = call("POST", "/api/v1/breaches", breachBody(List.of(provider), List.of(account), false));
        assertThat(breach.status).isEqualTo(201);
        String breachId = breach.body.path("breachId").asText();
        assertThat(call("POST", "/api/v1/breaches/" + breachId + "/disclosures", """
                {"recipientProviderId":"%s","informationItems":["account holder name"],"basisClause":"R4.7"}"""
                .formatted(provider)).status).isEqualTo(201);
        assertThat(call("POST", "/api/v1/breaches/" + breachId + "/resolution", "{\"summary\":\"keys rotated\"}").status).isEqualTo(200);
        expectProblem(call("POST", "/api/v1/breaches/" + breachId + "/resolution", "{\"summary\":\"again\"}"), 409, "BREACH_ALREADY_RESOLVED");

        // R2.1, T8
        Answer window = call("POST", "/api/v1/service-suspensions", """
                {"from":"%s","until":"%s","providerId":"%s","reason":"maintenance"}"""
                .formatted(clock.instant().plusSeconds(3600), clock.instant().plusSeconds(7200), provider));
        assertThat(window.status).isEqualTo(201);
        assertThat(call("DELETE", "/api/v1/service-suspensions/" + window.body.path("suspensionId").asText(), null).status).isEqualTo(200);

        // R7.3-7.4: a suspended provider's grant is refused and the refusal recorded
        assertThat(call("POST", "/api/v1/providers/" + other + "/suspension", "{\"reason\":\"audit\"}").status).isEqualTo(200);
        expectProblem(call("POST", "/api/v1/accounts/" + account + "/linkages", grantBody(other)), 422, "PROVIDER_SUSPENDED");
        assertThat(events(account, LinkageGrantRefusedEvent.class)).singleElement()
                .satisfies(refused -> assertThat(refused.refusalCode()).isEqualTo("PROVIDER_SUSPENDED"));
        assertThat(call("DELETE", "/api/v1/providers/" + other + "/suspension", null).status).isEqualTo(200);
        assertThat(call("POST", "/api/v1/providers/" + other + "/termination", "{\"reason\":\"contract ended\"}").status).isEqualTo(200);
        expectProblem(call("DELETE", "/api/v1/providers/" + other + "/suspension", null), 422, "PROVIDER_TERMINATED");

        // R5.2
        assertThat(call("POST", "/api/v1/accounts/" + account + "/suspension", "{\"reason\":\"fraud check\"}").status).isEqualTo(200);
        expectProblem(call("POST", "/api/v1/accounts/" + account + "/linkages", grantBody(provider)), 422, "ACCOUNT_SUSPENDED");
        assertThat(call("DELETE", "/api/v1/accounts/" + account + "/suspension", null).status).isEqualTo(200);
        assertThat(call("POST", "/api/v1/accounts/" + account + "/closure", "{\"reason\":\"moved bank\"}").status).isEqualTo(200);
        expectProblem(call("POST", "/api/v1/accounts/" + account + "/linkages", grantBody(provider)), 422, "ACCOUNT_CLOSED");

        expectProblem(call("POST", "/api/v1/providers", "{\"providerId\":"), 400, "MALFORMED_REQUEST");
    }

    /** R4.3, issue 3 "expiry recorded": the deadline is a row in the file database, written with the grant. */
    @Test
    void R4_3_theExpiryDeadlineIsPersistedWithTheGrant() {
        String provider = "prov-" + run;
        String account = "acc-" + run;
        call("POST", "/api/v1/providers", "{\"providerId\":\"%s\",\"name\":\"Kakeibo\"}".formatted(provider));
        call("POST", "/api/v1/accounts", registration(account, true, provider));
        Answer granted = call("POST", "/api/v1/accounts/" + account + "/linkages", grantBody(provider));
        Instant expiresAt = OffsetDateTime.parse(granted.body.path("tokenExpiresAt").asText()).toInstant();

        List<Instant> due = jdbc.sql("SELECT execution_time FROM " + DurableDeadlines.TABLE + " WHERE execution_time = ?")
                .param(expiresAt.atOffset(java.time.ZoneOffset.UTC))
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list();
        assertThat(due).containsExactly(expiresAt);
    }

    /** R4.2-4.3: the scheduler fires the deadline and the history records the expiry at expiresAt itself. */
    @Test
    void R4_3_theSchedulerRecordsTheExpiryWithTheLinkagesOwnTime() {
        String provider = "prov-" + run;
        String account = "acc-" + run;
        call("POST", "/api/v1/providers", "{\"providerId\":\"%s\",\"name\":\"Kakeibo\"}".formatted(provider));
        call("POST", "/api/v1/accounts", registration(account, true, provider));
        Instant now = clock.instant();
        Instant expiresAt = now.plusMillis(300);
        LinkageId linkage = new LinkageId("lnk-" + run);
        commands.sendAndWait(new GrantLinkage(new AccountId(account), linkage, new ProviderId(provider),
                Set.of(Scope.BALANCE), List.of(), new TokenHash("ef".repeat(32)), now, expiresAt));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(events(account, LinkageExpiredEvent.class)).singleElement()
                        .satisfies(expired -> {
                            assertThat(expired.linkageId()).isEqualTo(linkage);
                            assertThat(expired.expiredAt()).isEqualTo(expiresAt);
                        }));
    }

    /** R4.6, T3.6: a breach asking for suspension suspends every live affected linkage, naming the breach. */
    @Test
    void R4_6_aBreachSuspendsTheListedLinkagesAndTheLiveLinkagesOfTheListedAccountsAndProviders() {
        String breached = "prov-b-" + run;
        String clean = "prov-c-" + run;
        String accountA = "acc-a-" + run;
        String accountB = "acc-b-" + run;
        String accountC = "acc-c-" + run;
        for (String provider : List.of(breached, clean)) {
            call("POST", "/api/v1/providers", "{\"providerId\":\"%s\",\"name\":\"P\"}".formatted(provider));
        }
        for (String account : List.of(accountA, accountB, accountC)) {
            call("POST", "/api/v1/accounts", registration(account, true, clean));
        }
        String aWithBreached = grant(accountA, breached);
        String bWithBreached = grant(accountB, breached);
        String bWithClean = grant(accountB, clean);
        String cWithClean = grant(accountC, clean);
        String untouched = grant(accountA, clean);
        call("POST", "/api/v1/linkages/" + bWithBreached + "/revocations", "{\"reason\":\"ended before the breach\"}");
        String bAgainWithBreached = grant(accountB, breached);

        Answer breach = call("POST", "/api/v1/breaches", """
                {"kind":"DATA_LEAK","detectedAt":"%s","description":"leak","affectedProviderIds":["%s"],
                 "affectedAccountIds":["%s"],"affectedLinkageIds":["%s"],"suspendAffectedLinkages":true}"""
                .formatted(clock.instant().minusSeconds(600), breached, accountC, bWithClean));
        assertThat(breach.status).isEqualTo(201);
        BreachId breachId = new BreachId(breach.body.path("breachId").asText());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(suspended(accountA, accountB, accountC))
                .containsExactlyInAnyOrder(aWithBreached, bAgainWithBreached, bWithClean, cWithClean));
        assertThat(List.of(accountA, accountB, accountC)).allSatisfy(account -> assertThat(events(account, LinkageSuspendedEvent.class))
                .allSatisfy(event -> assertThat(event.breachId()).isEqualTo(breachId)));
        assertThat(suspended(accountA, accountB, accountC)).doesNotContain(untouched, bWithBreached);
    }

    /** R4.2: at most one live linkage per account and provider, also when grants race each other. */
    @Test
    void R4_2_ofConcurrentGrantsForOneAccountAndProviderExactlyOneSucceeds() throws Exception {
        String provider = "prov-" + run;
        String account = "acc-" + run;
        call("POST", "/api/v1/providers", "{\"providerId\":\"%s\",\"name\":\"Kakeibo\"}".formatted(provider));
        call("POST", "/api/v1/accounts", registration(account, true, provider));
        int racers = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Answer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return call("POST", "/api/v1/accounts/" + account + "/linkages", grantBody(provider));
                }));
            }
            start.countDown();
            List<Answer> results = new java.util.ArrayList<>();
            for (var answer : answers) {
                results.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(results).filteredOn(answer -> answer.status == 201).hasSize(1);
            assertThat(results).filteredOn(answer -> answer.status != 201).allSatisfy(answer -> {
                assertThat(answer.status).isEqualTo(409);
                assertThat(answer.body.path("code").asText()).isIn("LINKAGE_ALREADY_ACTIVE", "CONCURRENT_MODIFICATION");
            });
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?")
                .params(new AccountId(account).aggregateIdentifier(), "%LinkageGrantedEvent").query(Integer.class).single()).isEqualTo(1);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private List<String> suspended(String... accounts) {
        return java.util.Arrays.stream(accounts).flatMap(account -> events(account, LinkageSuspendedEvent.class).stream())
                .map(event -> event.linkageId().value()).toList();
    }

    private String grant(String account, String provider) {
        Answer granted = call("POST", "/api/v1/accounts/" + account + "/linkages", grantBody(provider));
        assertThat(granted.status).as(granted.body.toString()).isEqualTo(201);
        return granted.body.path("linkageId").asText();
    }

    private <T> List<T> events(String account, Class<T> type) {
        return jdbc.sql("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?"
                        + " ORDER BY sequence_number")
                .params(new AccountId(account).aggregateIdentifier(), type.getName())
                .query((rs, row) -> {
                    try {
                        return EVENTS.readValue(rs.getBytes(1), type);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).list();
    }

    private static String registration(String account, boolean pinCard, String viaProvider) {
        return """
                {"accountId":"%s","customerId":"cust-%s","customerType":"INDIVIDUAL","accountType":"ORDINARY_DEPOSIT",
                 "pinRegisteredCard":%s,"termsVersion":"%s","identityVerificationRef":"ekyc-1","viaProviderId":"%s"}"""
                .formatted(account, account, pinCard, TERMS, viaProvider);
    }

    private static String grantBody(String provider) {
        return """
                {"providerId":"%s","scopes":["BALANCE","TRANSACTIONS"],"chainedRecipients":["budget-app.example"]}"""
                .formatted(provider);
    }

    private static String breachBody(List<String> providers, List<String> accounts, boolean suspend) {
        return """
                {"kind":"UNAUTHORIZED_ACCESS","detectedAt":"2026-01-01T10:03:00+09:00","description":"odd calls",
                 "affectedProviderIds":%s,"affectedAccountIds":%s,"affectedLinkageIds":[],"suspendAffectedLinkages":%s}"""
                .formatted(jsonList(providers), jsonList(accounts), suspend);
    }

    private static String jsonList(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    private static void expectProblem(Answer answer, int status, String code) {
        assertThat(answer.status).as(answer.body.toString()).isEqualTo(status);
        assertThat(answer.contentType).startsWith("application/problem+json");
        assertThat(answer.body.path("code").asText()).isEqualTo(code);
        assertThat(answer.body.path("detail").asText()).isNotBlank();
    }

    private record Answer(int status, String contentType, JsonNode body) {
    }

    private Answer call(String method, String path, String body) {
        return call(method, path, body, "operator", "operator");
    }

    private Answer call(String method, String path, String body, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
