package jp.consentledger.query.gatewaylane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.query.audit.TestLedger;
import jp.consentledger.query.tokencheck.TokenValidityModel;
import jp.consentledger.web.http.RequestBodyLimitFilter;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.unit.DataSize;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's lane answers a gateway's ordinary check and introspection itself, without Spring
 * Security's chain or MVC (the chain below it is never called), and a wrong password with the chain's
 * 401; everything else it hands down the chain untouched. Requests pass the real body-limit filter
 * first, as in the server.
 */
@SpringBootTest(properties = "ledger.role=gateway")
class GatewayLaneTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINKAGE = "lnk-lane";
    private static final Instant GRANTED = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1));

    @Autowired
    GatewayLane lane;
    @Autowired
    TokenValidityModel model;

    @DynamicPropertySource
    static void storeWithAConsent(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("ledger-lane");
        String url = "jdbc:h2:file:" + dir + "/ledger;AUTO_SERVER=TRUE;WRITE_DELAY=0";
        TestLedger.createEventStore(url);
        TestLedger ledger = new TestLedger(new DataSourceConnectionProvider(new DriverManagerDataSource(url, "sa", "")),
                NoTransactionManager.INSTANCE);
        Instant before = GRANTED.minus(Duration.ofMinutes(10));
        ledger.provider("prov-lane", before);
        ledger.terms("lane-v1", before, before);
        ledger.account("acc-lane", "lane-v1", before, Duration.ofDays(365));
        ledger.grant(LINKAGE, "acc-lane", "prov-lane", Set.of(Scope.BALANCE), "lane-v1", GRANTED, Duration.ofDays(90));
        registry.add("ledger.data-dir", dir::toString);
        registry.add("ledger.token.hmac-secret", () -> TestLedger.HMAC_SECRET);
    }

    @BeforeEach
    void settled() {
        await().atMost(Duration.ofSeconds(60)).until(() -> model.isCaughtUp() && model.linkageCount() == 1);
    }

    @Test
    void aGatewaysCheckIsAnsweredInTheLane() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = send(request(GatewayLane.CHECKS, "gateway:gateway", "application/json",
                "{\"token\":\"token-of-" + LINKAGE + "\",\"scope\":\"BALANCE\"}"), chain);
        assertThat(chain.getRequest()).as("the chain below the lane").isNull();
        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.getContentAsByteArray());
        assertThat(body.path("reason").asText()).isEqualTo("VALID");
        assertThat(body.path("linkageId").asText()).isEqualTo(LINKAGE);
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
    }

    @Test
    void aGatewaysIntrospectionIsAnsweredInTheLane() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse active = send(request(GatewayLane.INTROSPECTION, "gateway:gateway",
                "application/x-www-form-urlencoded", "token=token-of-" + LINKAGE), chain);
        assertThat(chain.getRequest()).isNull();
        assertThat(JSON.readTree(active.getContentAsByteArray()).path("scope").asText()).isEqualTo("BALANCE");
        assertThat(active.getHeader("Cache-Control")).isEqualTo("no-store");

        MockHttpServletResponse inactive = send(request(GatewayLane.INTROSPECTION, "gateway:gateway",
                "application/x-www-form-urlencoded", "token=no-such-token"), new MockFilterChain());
        assertThat(inactive.getContentAsString()).isEqualTo("{\"active\":false}");
    }

    @Test
    void aWrongPasswordIsRefusedInTheLaneWithTheChainsProblem() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = send(request(GatewayLane.CHECKS, "gateway:not-the-password", "application/json",
                "{\"token\":\"x\",\"scope\":\"BALANCE\"}"), chain);
        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(JSON.readTree(response.getContentAsByteArray()).path("code").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void anythingButAGatewaysOrdinaryQuestionGoesDownTheChain() throws Exception {
        String valid = "{\"token\":\"token-of-" + LINKAGE + "\",\"scope\":\"BALANCE\"}";
        for (MockHttpServletRequest request : new MockHttpServletRequest[]{
                request(GatewayLane.CHECKS, "operator:operator", "application/json", valid),           // another role: 403 there
                request(GatewayLane.CHECKS, "gateway:gateway", "application/json", "{\"token\":"),     // malformed: 400 there
                request(GatewayLane.CHECKS, "gateway:gateway", "text/plain", valid),                   // 415 there
                request(GatewayLane.INTROSPECTION, "gateway:gateway", "application/x-www-form-urlencoded", "token_type_hint=x"),
                bearer(request(GatewayLane.CHECKS, null, "application/json", valid))}) {             // jwt profile's bearer
            MockFilterChain chain = new MockFilterChain();
            send(request, chain);
            assertThat(chain.getRequest()).as("%s %s", request.getHeader("Authorization"), new String(request.getContentAsByteArray(), StandardCharsets.UTF_8)).isNotNull();
        }
    }

    private MockHttpServletResponse send(MockHttpServletRequest request, MockFilterChain chain) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new RequestBodyLimitFilter(DataSize.ofKilobytes(64)).doFilter(request, response,
                (req, res) -> lane.doFilter(req, res, chain));
        return response;
    }

    private static MockHttpServletRequest request(String path, String credentials, String contentType, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setServletPath(path);
        if (credentials != null) {
            request.addHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        request.addHeader("Accept", "application/json");
        request.setContentType(contentType);
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    private static MockHttpServletRequest bearer(MockHttpServletRequest request) {
        request.addHeader("Authorization", "Bearer some.jwt.token");
        return request;
    }
}
