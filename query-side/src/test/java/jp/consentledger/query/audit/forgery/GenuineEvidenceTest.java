package jp.consentledger.query.audit.forgery;

import jp.consentledger.query.audit.AuditTestContext;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundles the ledger produces verify, and hold every event of every subject their state rests on. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenuineEvidenceTest extends ForgedBundles {
    @Autowired
    TestRestTemplate http;

    @BeforeAll
    void dispute(@Autowired ConnectionProvider connections, @Autowired TransactionManager transactions) {
        writeTheDisputeOnce(http, connections, transactions);
    }

    @Test
    void theGenuineLinkageBundleVerifiesAndItsConclusionFollows() {
        Run run = verify(genuine);
        assertThat(run.out()).startsWith("VERIFIED: 12 events");
        assertThat(run.status()).isZero();
        assertThat(genuine.path("format").asText()).isEqualTo("consent-ledger/evidence/v2");
        assertThat(genuine.path("derivedState").path("status").asText()).isEqualTo("REVOKED");
        assertThat(genuine.path("derivedState").path("reasons").path("BALANCE").asText()).isEqualTo("REVOKED");
        assertThat(genuine.path("subjects").findValuesAsText("key")).containsExactly("account:" + ACCOUNT,
                "breach:breach-forgery", "linkage:" + LINKAGE, "provider:" + PROVIDER, "service", "suspension:susp-forgery", "terms");
        assertThat(genuine.path("signingKey").path("keyId").asText()).isEqualTo(genuine.path("checkpoint").path("keyId").asText());
        // The store's own layout: the JDBC table's chain columns, or links in the events' metadata on a store without them.
        assertThat(genuine.path("events").findValuesAsText("chainLayout")).containsOnly(AuditTestContext.IN_MEMORY ? "2" : "1");
    }

    @Test
    void aBundleWhoseEventsClaimTheOtherChainLayoutIsRejected() {
        com.fasterxml.jackson.databind.node.ObjectNode forged = genuine.deepCopy();
        forged.withArray("events").forEach(event -> ((com.fasterxml.jackson.databind.node.ObjectNode) event)
                .put("chainLayout", AuditTestContext.IN_MEMORY ? 1 : 2));
        Run run = verify(forged);
        assertThat(run.status()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("its stored bytes do not give its chain hash");
    }

    @Test
    void aBundleTakenBeforeTheConfirmationVerifiesAsOfItsOwnCheckpoint() {
        Run run = verify(before);
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(before.path("derivedState").path("status").asText()).isEqualTo("REVOCATION_REQUESTED");
        assertThat(before.path("derivedState").path("reasons").path("BALANCE").asText()).isEqualTo("VALID");
        assertThat(before.path("checkpoint").path("treeSize").asLong()).isLessThan(genuine.path("checkpoint").path("treeSize").asLong());
    }

    @Test
    void theAccountBundleVerifiesWithEachLinkageState() {
        Run run = verify(account);
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(account.path("derivedState").path("linkages")).singleElement()
                .satisfies(linkage -> assertThat(linkage.path("linkageId").asText()).isEqualTo(LINKAGE));
        assertThat(verify(elsewhere).status()).isZero();
    }

    @Test
    void theLedgerPublishesItsKeysWithTheirPeriods() {
        var published = http.getForObject("/api/v1/audit/keys", com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(published.findValuesAsText("keyId")).contains(genuine.path("checkpoint").path("keyId").asText());
        assertThat(published.get(published.size() - 1).path("current").asBoolean()).isTrue();
    }
}
