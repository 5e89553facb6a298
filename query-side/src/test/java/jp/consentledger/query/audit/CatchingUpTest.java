package jp.consentledger.query.audit;

import jp.consentledger.query.audit.index.AuditIndexProjection;
import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationRequestedEvent;
import jp.consentledger.query.linkage.LinkageDirectoryProjection;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A read model that has not read the events yet must not answer from what it has: a dispute handler or the
 * provider would be told a linkage revoked at the bank was still live. The processors are stopped here (a
 * rebuild or a node back from downtime, frozen) while a revocation recorded long ago waits in the store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatchingUpTest {
    static final Instant GRANTED = Instant.parse("2026-04-01T01:00:00Z");
    static final Instant REVOKED = Instant.parse("2026-04-02T01:00:00Z");

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AuditTestContext.register(registry, "catching-up");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    ConnectionProvider connections;
    @Autowired
    TransactionManager transactions;
    @Autowired
    EventProcessingConfiguration processing;

    private final LinkageId linkage = new LinkageId("lnk-catching-up");
    private final AccountId account = new AccountId("acc-catching-up");
    private final ProviderId provider = new ProviderId("prov-catching-up");

    @Test
    void aReadModelStillReadingOldEventsAnswers503UntilItHasReadThem() {
        AuditTestContext.asAuditor(http);
        TestLedger ledger = new TestLedger(connections, transactions);
        ledger.provider(provider.value(), GRANTED.minusSeconds(3600));
        ledger.terms("catch-v1", GRANTED.minusSeconds(3600), GRANTED.minusSeconds(3600));
        ledger.account(account.value(), "catch-v1", GRANTED.minusSeconds(60), Duration.ofDays(365));
        ledger.grant(linkage.value(), account.value(), provider.value(), Set.of(Scope.BALANCE), "catch-v1", GRANTED,
                Duration.ofDays(90));
        await().until(() -> state().getStatusCode() == HttpStatus.OK && directory().getStatusCode() == HttpStatus.OK);
        assertThat(state().getBody().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(directory().getBody().path("status").asText()).isEqualTo("EXPIRED"); // the directory speaks of now

        StreamingEventProcessor index = processor(AuditIndexProjection.PROCESSING_GROUP);
        StreamingEventProcessor linkageDirectory = processor(LinkageDirectoryProjection.PROCESSING_GROUP);
        index.shutDown();
        linkageDirectory.shutDown();
        ledger.append("Account", account.value(), new LinkageRevocationRequestedEvent(linkage, account, provider,
                REVOKED.minusSeconds(600), REVOKED.minusSeconds(600)), REVOKED.minusSeconds(600));
        ledger.append("Account", account.value(), new LinkageRevocationConfirmedEvent(linkage, account, provider, REVOKED), REVOKED);

        for (ResponseEntity<JsonNode> answer : java.util.List.of(state(),
                http.getForEntity("/api/v1/audit/linkages/" + linkage.value() + "/history", JsonNode.class),
                directory())) {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).startsWith("application/problem+json");
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
            assertThat(answer.getBody().path("code").asText()).isEqualTo("LEDGER_CATCHING_UP");
            assertThat(answer.getBody().path("detail").asText()).contains("catching up").contains(REVOKED.minusSeconds(600).toString());
        }

        // What the ledger knew before the revocation was recorded is all in the index: answered meanwhile.
        ResponseEntity<JsonNode> knownBefore = http.getForEntity("/api/v1/audit/linkages/" + linkage.value() + "/state?at="
                + REVOKED.plusSeconds(3600) + "&knownAt=" + REVOKED.minusSeconds(601), JsonNode.class);
        assertThat(knownBefore.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(knownBefore.getBody().path("status").asText()).isEqualTo("ACTIVE");
        ResponseEntity<JsonNode> knownAfter = http.getForEntity("/api/v1/audit/linkages/" + linkage.value() + "/state?at="
                + REVOKED.plusSeconds(3600) + "&knownAt=" + REVOKED.minusSeconds(600), JsonNode.class);
        assertThat(knownAfter.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

        index.start();
        linkageDirectory.start();
        await().until(() -> state().getStatusCode() == HttpStatus.OK && directory().getStatusCode() == HttpStatus.OK);
        assertThat(state().getBody().path("status").asText()).isEqualTo("REVOKED");
        assertThat(directory().getBody().path("status").asText()).isEqualTo("REVOKED");
    }

    private ResponseEntity<JsonNode> directory() {
        return http.getForEntity("/api/v1/linkages/" + linkage.value(), JsonNode.class);
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    private ResponseEntity<JsonNode> state() {
        return http.getForEntity("/api/v1/audit/linkages/" + linkage.value() + "/state?at=" + REVOKED.plusSeconds(3600),
                JsonNode.class);
    }

}
