package jp.consentledger.query.role;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.query.audit.TestLedger;
import jp.consentledger.query.tokencheck.TokenValidityModel;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A query node in the gateway role on a store that already holds a consent (one Spring context): it
 * replays the store into the token-validity model, answers token checks and follows a revocation
 * appended while it runs, runs no other processor and schedules nothing, writes no read-model row,
 * and answers every read it does not serve with the 421 problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.role=gateway")
class GatewayNodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINKAGE = "lnk-gateway";
    private static final String ACCOUNT = "acc-gateway";
    private static final String PROVIDER = "prov-gateway";
    /** The token checks read the system clock: the consent is granted an hour ago and runs 90 days. */
    private static final Instant GRANTED = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1));

    /** Writes the store before the node starts, and the revocation later: one writer keeps the aggregates' sequences. */
    private static TestLedger ledger;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void storeWithAConsent(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("ledger-gateway");
        String url = "jdbc:h2:file:" + dir + "/ledger;WRITE_DELAY=0";
        TestLedger.createEventStore(url);
        ledger = new TestLedger(new DataSourceConnectionProvider(new DriverManagerDataSource(url, "sa", "")),
                NoTransactionManager.INSTANCE);
        Instant before = GRANTED.minus(Duration.ofMinutes(10));
        ledger.provider(PROVIDER, before);
        ledger.terms("gateway-v1", before, before);
        ledger.account(ACCOUNT, "gateway-v1", before, Duration.ofDays(365));
        ledger.grant(LINKAGE, ACCOUNT, PROVIDER, Set.of(Scope.BALANCE), "gateway-v1", GRANTED, Duration.ofDays(90));
        registry.add("ledger.data-dir", dir::toString);
        registry.add("ledger.token.hmac-secret", () -> TestLedger.HMAC_SECRET);
    }

    @Test
    void answersTokenChecksFromTheStoreFollowsARevocationAndWritesNoReadModelRow() {
        JsonNode valid = await().until(() -> check("BALANCE"), answer -> answer.path("reason").asText().equals("VALID"));
        assertThat(valid.path("linkageId").asText()).isEqualTo(LINKAGE);
        assertThat(check("TRANSACTIONS").path("reason").asText()).isEqualTo("SCOPE_NOT_GRANTED");

        Instant confirmed = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ledger.append("Account", ACCOUNT, new LinkageRevocationConfirmedEvent(new LinkageId(LINKAGE), new AccountId(ACCOUNT),
                new ProviderId(PROVIDER), confirmed), confirmed);
        JsonNode revoked = await().until(() -> check("BALANCE"), answer -> answer.path("reason").asText().equals("REVOKED"));
        assertThat(revoked.path("valid").asBoolean()).isFalse();

        // Every table of the read_model schema, the processors' tokens and the node registry included.
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'READ_MODEL'")
                .query(String.class).list();
        assertThat(tables).contains("RM_LINKAGE", "RM_PROVIDER", "QRY_TOKEN_ENTRY", "QRY_NODE");
        for (String table : tables) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM read_model." + table).query(Long.class).single())
                    .as("rows in read_model.%s", table).isZero();
        }
    }

    @Test
    void runsTheTokenValidityProcessorAloneAndSchedulesNothing() {
        assertThat(processing.eventProcessors().keySet()).containsExactly(TokenValidityModel.PROCESSING_GROUP);
        assertThat(context.getBeansWithAnnotation(FullNode.class)).isEmpty();
        // The Merkle log's checkpoints and the segment balancer are the only scheduled work of a full node.
        assertThat(context.getBeansOfType(ScheduledAnnotationBeanPostProcessor.class)).isEmpty();

        JsonNode readiness = await().until(() -> get("/actuator/health/readiness", "monitor"),
                answer -> answer.path("status").asText().equals("UP"));
        assertThat(readiness.path("components").path("eventProcessors").path("details").properties())
                .extracting(Map.Entry::getKey).containsExactly(TokenValidityModel.PROCESSING_GROUP);

        JsonNode api = get("/v3/api-docs", null);
        assertThat(api.path("paths").properties()).extracting(Map.Entry::getKey).filteredOn(path -> path.startsWith("/api/"))
                .containsExactlyInAnyOrder("/api/v1/token-checks", "/api/v1/token-introspection");
    }

    /** Whoever asks, with or without credentials the node could check: the same problem, before authentication. */
    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "GET, /api/v1/linkages/lnk-gateway, operator",
            "GET, /api/v1/linkages/lnk-gateway, none",
            "GET, /api/v1/providers/prov-gateway/linkages, prov-gateway",
            "GET, /api/v1/accounts/acc-gateway/linkages, operator",
            "GET, /api/v1/audit/linkages/lnk-gateway/history, auditor",
            "GET, /api/v1/audit/linkages/lnk-gateway/evidence?at=2026-03-01T10:00:00%2B09:00, dispute",
            "POST, /api/v1/audit/token-checks, auditor",
            "POST, /api/v1/audit/checkpoints, gateway",
            "GET, /api/v1/audit/verification, none",
            "GET, /console, dispute",
            "GET, /console/audit/linkages/lnk-gateway/timeline, none",
            "POST, /console/actions/linkages/lnk-gateway/confirm, operator"})
    void readsOfAFullNodeAnswerThatThisNodeServesTokenChecksOnly(String method, String path, String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (user != null) {
            headers.setBasicAuth(user, user);
        }
        ResponseEntity<String> answer = http.exchange(path, HttpMethod.valueOf(method),
                new HttpEntity<>(method.equals("POST") ? "{}" : null, headers), String.class);

        assertThat(answer.getStatusCode().value()).as(answer.toString()).isEqualTo(421);
        assertThat(answer.getHeaders().getContentType()).isNotNull()
                .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        JsonNode problem = read(answer.getBody());
        assertThat(problem.path("code").asText()).isEqualTo("NOT_SERVED_BY_GATEWAY_NODE");
        assertThat(problem.path("status").asInt()).isEqualTo(421);
        assertThat(problem.path("type").asText()).isEqualTo("urn:consent-ledger:problem:not-served-by-gateway-node");
        assertThat(problem.path("detail").asText()).contains("token checks", "full query node");
        assertThat(problem.path("instance").asText()).isEqualTo(path.replaceAll("\\?.*", ""));
    }

    /** The landing page stays (what the service is, API docs, health) but offers no console it cannot serve. */
    @Test
    void landingPageSaysTheConsoleIsOnAFullNode() {
        ResponseEntity<String> answer = http.getForEntity("/", String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).contains("/swagger-ui.html", "/actuator/health", "gateway role")
                .doesNotContain("href=\"/console\"");
    }

    private JsonNode check(String scope) {
        ResponseEntity<String> answer = http.withBasicAuth("gateway", "gateway").postForEntity("/api/v1/token-checks",
                Map.of("token", "token-of-" + LINKAGE, "scope", scope), String.class);
        return answer.getStatusCode().value() == 200 ? read(answer.getBody()) : JSON.missingNode();
    }

    private JsonNode get(String path, String user) {
        TestRestTemplate client = user == null ? http : http.withBasicAuth(user, user);
        return read(client.getForObject(path, String.class));
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
