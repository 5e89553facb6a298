package jp.consentledger.system.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.system.embedded.LedgerDriver.Granted;
import jp.consentledger.system.embedded.LedgerHttp.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static jp.consentledger.system.embedded.LedgerDriver.body;
import static jp.consentledger.system.embedded.LedgerDriver.expect;
import static jp.consentledger.system.embedded.LedgerDriver.instant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 item 7 (R4.6-4.8, T3.6-3.7): a breach is readable on its own, by the staff who handle it
 * (auditors, dispute handlers, operators): what it was, when it was detected and reported and by whom,
 * whom it affected, which suspensions it caused, what was disclosed to whom on which clause, and how it
 * was resolved, with the event position the answer reflects.
 */
@ExtendWith(SharedLedger.class)
class BreachReadHttpTest {
    private static LedgerDriver ledger;
    private static LedgerHttp http;

    @BeforeAll
    static void connect(LedgerDriver shared) {
        ledger = shared;
        http = shared.http();
    }

    @Test
    void R4_6_T3_6_aBreachReadsWithItsAffectedPartiesSuspensionsDisclosuresAndResolution() {
        String provider = ledger.provider();
        String account = ledger.account(provider);
        Granted affected = ledger.grant(account, provider, List.of("BALANCE"), List.of("household-cloud"));
        Instant detectedAt = ledger.now().minus(Duration.ofMinutes(30));
        String breach = report(provider, account, affected.linkageId(), detectedAt);
        Instant reportedAt = ledger.now();
        LedgerDriver.eventually().until(() -> ledger.reason(affected.token(), "BALANCE"), "SUSPENDED"::equals);
        expect(http.post(ledger.cmd("/api/v1/breaches/" + breach + "/disclosures"), body("recipientProviderId", provider,
                "informationItems", List.of("access log excerpt"), "basisClause", "R4.7")), 201);
        expect(http.post(ledger.cmd("/api/v1/breaches/" + breach + "/disclosures"), body("recipientChainedRecipient",
                "household-cloud", "informationItems", List.of("account holder name", "balance"), "basisClause", "R4.8")), 201);

        JsonNode open = awaitBreach(breach, b -> b.path("disclosures").size() == 2);
        assertThat(open.path("status").asText()).isEqualTo("OPEN");
        assertThat(open.path("resolution").isMissingNode() || open.path("resolution").isNull()).isTrue();

        expect(http.post(ledger.cmd("/api/v1/breaches/" + breach + "/resolution"), body("summary", "passwords reset")), 200);
        long lastPosition = ledger.ledger().queryLong(
                "SELECT MAX(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?", breach);

        for (String[] staff : List.of(new String[]{"auditor", "auditor"}, new String[]{"dispute", "dispute"},
                new String[]{"operator", "operator"})) {
            JsonNode read = LedgerDriver.eventually().until(() -> http.getAs(breachUrl(breach), staff[0], staff[1]),
                    a -> a.status() == 200 && "RESOLVED".equals(a.body().path("status").asText())).body();
            assertThat(read.path("breachId").asText()).isEqualTo(breach);
            assertThat(read.path("kind").asText()).isEqualTo("UNAUTHORIZED_ACCESS");
            assertThat(read.path("description").asText()).isEqualTo("credential stuffing against the provider's login");
            assertThat(instant(read.path("detectedAt"))).isEqualTo(detectedAt);
            assertThat(instant(read.path("reportedAt"))).isEqualTo(reportedAt);
            assertThat(read.path("reportedBy").asText()).isEqualTo("operator");
            assertThat(texts(read.path("affectedProviderIds"))).containsExactly(provider);
            assertThat(texts(read.path("affectedAccountIds"))).containsExactly(account);
            assertThat(texts(read.path("affectedLinkageIds"))).containsExactly(affected.linkageId());
            assertThat(read.path("suspendAffectedLinkages").asBoolean()).isTrue();
            JsonNode suspension = read.path("suspensions").get(0);
            assertThat(read.path("suspensions")).hasSize(1);
            assertThat(suspension.path("linkageId").asText()).isEqualTo(affected.linkageId());
            assertThat(suspension.path("accountId").asText()).isEqualTo(account);
            assertThat(suspension.path("providerId").asText()).isEqualTo(provider);
            JsonNode toProvider = read.path("disclosures").get(0);
            assertThat(toProvider.path("recipientProviderId").asText()).isEqualTo(provider);
            assertThat(texts(toProvider.path("informationItems"))).containsExactly("access log excerpt");
            assertThat(toProvider.path("basisClause").asText()).isEqualTo("R4.7");
            JsonNode toRecipient = read.path("disclosures").get(1);
            assertThat(toRecipient.path("recipientChainedRecipient").asText()).isEqualTo("household-cloud");
            assertThat(texts(toRecipient.path("informationItems"))).containsExactly("account holder name", "balance");
            assertThat(toRecipient.path("basisClause").asText()).isEqualTo("R4.8");
            assertThat(read.path("resolution").path("summary").asText()).isEqualTo("passwords reset");
            assertThat(read.path("asOf").path("eventPosition").asLong()).as("the resolution's own position").isEqualTo(lastPosition);
        }
    }

    @Test
    void R4_6_breachesListNewestFirstFilteredByStatus() {
        String provider = ledger.provider();
        String account = ledger.account(provider);
        String older = report(provider, account, null, ledger.now());
        ledger.clock().advance(Duration.ofSeconds(1));
        String newer = report(provider, account, null, ledger.now());
        expect(http.post(ledger.cmd("/api/v1/breaches/" + older + "/resolution"), body("summary", "false alarm")), 200);
        awaitBreach(older, b -> "RESOLVED".equals(b.path("status").asText()));
        awaitBreach(newer, b -> true);

        List<String> all = ids(expect(current(() -> http.getAs(ledger.qry("/api/v1/breaches?size=200"), "auditor", "auditor")), 200).body());
        assertThat(all).containsSubsequence(newer, older);
        List<String> open = ids(expect(current(() -> http.getAs(ledger.qry("/api/v1/breaches?status=OPEN&size=200"), "dispute", "dispute")), 200).body());
        assertThat(open).contains(newer).doesNotContain(older);
        List<String> resolved = ids(expect(current(() -> http.get(ledger.qry("/api/v1/breaches?status=RESOLVED&size=200"))), 200).body());
        assertThat(resolved).contains(older).doesNotContain(newer);
        JsonNode firstPage = expect(current(() -> http.get(ledger.qry("/api/v1/breaches?size=1"))), 200).body();
        assertThat(firstPage.path("items")).hasSize(1);
        assertThat(firstPage.path("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(firstPage.path("asOf").path("eventPosition").asLong()).isEqualTo(firstPage.path("items").get(0).path("eventPosition").asLong());
    }

    @Test
    void anUnknownBreachIsA404AndAMalformedIdOrStatusA400Problem() {
        Answer unknown = current(() -> http.getAs(breachUrl("brc-never-reported"), "auditor", "auditor"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(unknown.code()).isEqualTo("BREACH_NOT_FOUND");

        Answer malformed = http.getAs(breachUrl("x".repeat(65)), "auditor", "auditor");
        assertThat(malformed.status()).as("%s", malformed).isEqualTo(400);
        assertThat(malformed.isProblem()).isTrue();
        assertThat(malformed.code()).isEqualTo("INVALID_REQUEST");

        Answer badStatus = http.getAs(ledger.qry("/api/v1/breaches?status=CLOSED"), "auditor", "auditor");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.isProblem()).isTrue();
    }

    @Test
    void neitherTheGatewayNorAProviderReadsBreaches() {
        String provider = ledger.provider();
        String breach = report(provider, ledger.account(provider), null, ledger.now());
        awaitBreach(breach, b -> true);
        // The provider can log in once the query side knows it (its credentials are a read model).
        LedgerDriver.eventually().until(() -> http.getAs(ledger.qry("/api/v1/providers/" + provider + "/linkages"),
                provider, http.secretOf(provider)).status() == 200);

        assertThat(http.getAs(breachUrl(breach), "gateway", "gateway").status()).isEqualTo(403);
        assertThat(http.getAs(breachUrl(breach), provider, http.secretOf(provider)).status()).isEqualTo(403);
        assertThat(http.getAs(ledger.qry("/api/v1/breaches"), provider, http.secretOf(provider)).status()).isEqualTo(403);
    }

    private String report(String provider, String account, String linkage, Instant detectedAt) {
        return expect(http.post(ledger.cmd("/api/v1/breaches"), body("kind", "UNAUTHORIZED_ACCESS",
                "detectedAt", detectedAt.toString(), "description", "credential stuffing against the provider's login",
                "affectedProviderIds", List.of(provider), "affectedAccountIds", List.of(account),
                "affectedLinkageIds", linkage == null ? List.of() : List.of(linkage),
                "suspendAffectedLinkages", linkage != null)), 201).body().path("breachId").asText();
    }

    private static String breachUrl(String breachId) {
        return ledger.qry("/api/v1/breaches/" + breachId);
    }

    /**
     * The register's answer once it is current: it answers 503 LEDGER_CATCHING_UP (retry shortly) while its processor,
     * the audit index's, reads events that the other tests of this shared ledger recorded under its advanced clock.
     */
    private static Answer current(java.util.function.Supplier<Answer> ask) {
        return LedgerDriver.eventually().until(ask::get, answer -> !"LEDGER_CATCHING_UP".equals(answer.code()));
    }

    private static JsonNode awaitBreach(String breachId, java.util.function.Predicate<JsonNode> until) {
        return LedgerDriver.eventually().until(() -> http.get(breachUrl(breachId)),
                a -> a.status() == 200 && until.test(a.body())).body();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("breachId").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
