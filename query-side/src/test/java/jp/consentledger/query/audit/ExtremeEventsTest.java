package jp.consentledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.account.AccountType;
import jp.consentledger.kernel.account.CustomerType;
import jp.consentledger.kernel.breach.BreachKind;
import jp.consentledger.kernel.breach.BreachReportedEvent;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.ids.SuspensionId;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationRequestedEvent;
import jp.consentledger.kernel.service.ServiceSuspensionDeclaredEvent;
import jp.consentledger.kernel.terms.TermsVersionPublishedEvent;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17, finding 1: a breach detected at year -1,000,000,000 stopped the audit index for good (its
 * recording threw at every retry), and with it history, as-of, evidence and readiness. Events with the
 * most extreme instants the schemas allow (Instant.MIN and Instant.MAX), stored directly as no command
 * would now accept them, are read by every read model, which then go on to the ordinary event after them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExtremeEventsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant MIN = Instant.MIN;
    private static final Instant MAX = Instant.MAX;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AuditTestContext.register(registry, "extreme");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ConnectionProvider connections;
    @Autowired
    TransactionManager transactions;

    @Test
    void everyReadModelReadsTheMostExtremeInstantsTheSchemasAllowAndGoesOnPastThem() {
        TestLedger ledger = new TestLedger(connections, transactions);
        ledger.provider("prov-a", T0);
        ledger.terms("v1", T0, T0.plusSeconds(1));
        ledger.account("acc-ok", "v1", T0.plusSeconds(2), Duration.ofDays(365));
        ledger.grant("lnk-ok", "acc-ok", "prov-a", Set.of(Scope.BALANCE), "v1", T0.plusSeconds(3), Duration.ofDays(90));

        Instant recorded = T0.plusSeconds(10);
        AccountId account = new AccountId("acc-x");
        LinkageId linkage = new LinkageId("lnk-x");
        ProviderId provider = new ProviderId("prov-a");
        ledger.append("TermsVersion", "vmax", new TermsVersionPublishedEvent(new TermsVersionId("vmax"), MAX, "b".repeat(64), MIN),
                recorded);
        ledger.append("Account", "acc-x", new AccountRegisteredEvent(account, new CustomerId("cust-x"), CustomerType.INDIVIDUAL,
                AccountType.ORDINARY_DEPOSIT, true, new TermsVersionId("v1"), "idv-x", provider, MIN, MAX), recorded);
        ledger.append("Account", "acc-x", new LinkageGrantedEvent(linkage, account, new CustomerId("cust-x"), provider,
                EnumSet.of(Scope.BALANCE), List.of(), TestLedger.tokenHash("lnk-x"), new TermsVersionId("v1"), MIN, MAX), recorded);
        ledger.append("Account", "acc-x", new LinkageRevocationRequestedEvent(linkage, account, provider, MIN, MAX), recorded);
        ledger.append("Breach", "brc-x", new BreachReportedEvent(new BreachId("brc-x"), BreachKind.DATA_LEAK, MIN, "d", "op",
                Set.of(provider), Set.of(account), Set.of(linkage), false, MAX), recorded);
        ledger.append("ServiceSuspension", "sus-x", new ServiceSuspensionDeclaredEvent(new SuspensionId("sus-x"), MIN, MAX,
                new ProviderId("prov-z"), "r", MIN), recorded);
        ledger.provider("prov-after", T0.plusSeconds(20));
        long last = ledger.lastPosition();

        // Live token validity and its readiness, which the gateway's checks rest on.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ResponseEntity<JsonNode> check = http.withBasicAuth("gateway", "gateway").postForEntity("/api/v1/token-checks",
                    json("{\"token\":\"token-of-lnk-ok\",\"scope\":\"BALANCE\"}"), JsonNode.class);
            return check.getStatusCode().value() == 200 && check.getBody().path("asOf").path("eventPosition").asLong() >= last;
        });
        // The linkage directory: the extreme linkage, and the provider registered after it.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                http.withBasicAuth("auditor", "auditor").getForEntity("/api/v1/providers/prov-after/linkages", String.class)
                        .getStatusCode().value() == 200);
        ResponseEntity<JsonNode> directory = http.withBasicAuth("auditor", "auditor").getForEntity("/api/v1/linkages/lnk-x", JsonNode.class);
        assertThat(directory.getStatusCode().value()).as(String.valueOf(directory.getBody())).isEqualTo(200);
        // The audit index: history, as-of and the audit token check.
        await().atMost(Duration.ofSeconds(30)).until(() -> auditor().getForEntity("/api/v1/audit/linkages/lnk-x/history", String.class)
                .getStatusCode().value() == 200);
        JsonNode history = auditor().getForEntity("/api/v1/audit/linkages/lnk-x/history", JsonNode.class).getBody();
        assertThat(history.path("items").findValuesAsText("type")).contains("LinkageGrantedEvent", "LinkageRevocationRequestedEvent",
                "BreachReportedEvent");
        assertThat(auditor().getForEntity("/api/v1/audit/linkages/lnk-x/state?at=2026-06-01T00:00:00Z", String.class)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(auditor().postForEntity("/api/v1/audit/token-checks", json("{\"tokenHash\":\"" + TestLedger.tokenHash("lnk-x").value()
                + "\",\"scope\":\"BALANCE\",\"at\":\"2026-06-01T00:00:00Z\"}"), String.class).getStatusCode().value()).isEqualTo(200);
        // The Merkle log: a checkpoint over every event, the last included, and a verification that holds.
        ResponseEntity<JsonNode> checkpoint = auditor().postForEntity("/api/v1/audit/checkpoints", null, JsonNode.class);
        assertThat(checkpoint.getBody().path("lastGlobalIndex").asLong()).isEqualTo(last);
        assertThat(auditor().getForEntity("/api/v1/audit/verification", JsonNode.class).getBody().path("verified").asBoolean()).isTrue();
        assertThat(http.getForEntity("/actuator/health/readiness", String.class).getStatusCode().value()).isEqualTo(200);
    }

    private TestRestTemplate auditor() {
        return http.withBasicAuth("auditor", "auditor");
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
