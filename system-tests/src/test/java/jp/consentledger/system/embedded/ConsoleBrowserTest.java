package jp.consentledger.system.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.system.embedded.LedgerDriver.Granted;
import jp.consentledger.verifier.EvidenceVerifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static jp.consentledger.system.embedded.LedgerDriver.body;
import static jp.consentledger.system.embedded.LedgerDriver.eventually;
import static jp.consentledger.system.embedded.LedgerDriver.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real headless browser, as its people use it: the dispute story in both languages (find the
 * account, read the timeline, the state between the revocation request and its confirmation, then after it,
 * the evidence downloaded and verified offline), an operator confirming a revocation, an auditor's replay,
 * and the role checks (a provider sees only its own linkages, a gateway user nothing).
 */
@ExtendWith(SharedLedger.class)
class ConsoleBrowserTest {
    private static final ZoneOffset JST = ZoneOffset.ofHours(9);

    /** What the pages say in each language, for the words the story checks. */
    private record Language(String code, String acceptLanguage, boolean switchToIt, String revocationRequested,
                            String revoked, String verified, String alreadyRevoked) {
    }

    private static final Language JAPANESE = new Language("ja", "ja", false, "解除申出中（銀行の確認待ち）", "解除済み",
            "検証済み", "この連携はすでに解除されています。");
    /** A browser that prefers Japanese, switched to English on the page. */
    private static final Language ENGLISH = new Language("en", "ja", true,
            "Revocation requested, awaiting the bank\u2019s confirmation", "Revoked", "Verified",
            "This linkage is already revoked.");

    @BeforeAll
    static void browserPresent() {
        Browser.assumeAvailable();
    }

    /** A linkage the customer asked (through the provider) to revoke, not yet confirmed by the bank. */
    private record Dispute(String providerId, String accountId, Granted granted, Instant requested) {
    }

    private static Dispute revocationRequested(LedgerDriver ledger) {
        String provider = ledger.provider();
        String account = ledger.account(provider);
        Granted granted = ledger.grant(account, provider, "BALANCE", "TRANSACTIONS");
        ledger.clock().advance(Duration.ofMinutes(10));
        Instant requested = ledger.now();
        expect(ledger.linkageCommand(granted.linkageId(), "revocation-requests",
                body("requestedAt", requested.minus(Duration.ofMinutes(2)).toString())), 202);
        ledger.clock().advance(Duration.ofMinutes(5));
        ledger.linkage(granted.linkageId(), l -> l.path("status").asText().equals("REVOCATION_REQUESTED"));
        return new Dispute(provider, account, granted, requested);
    }

    @Test
    void theDisputeStoryInJapaneseFollowingTheBrowsersLanguage(LedgerDriver ledger) throws Exception {
        disputeStory(ledger, JAPANESE);
    }

    @Test
    void theDisputeStoryInEnglishSwitchedOnThePage(LedgerDriver ledger) throws Exception {
        disputeStory(ledger, ENGLISH);
    }

    private void disputeStory(LedgerDriver ledger, Language language) throws Exception {
        Dispute dispute = revocationRequested(ledger);
        String linkage = dispute.granted().linkageId();

        // An operator confirms the revocation the provider passed on: two steps, then the outcome in plain words.
        Instant confirmed;
        try (Browser operator = new Browser(ledger.ledger().queryUrl(), language.acceptLanguage(), language.code() + "-operator")) {
            operator.signIn("operator", "operator", "/console");
            chooseLanguage(operator, language);
            find(operator, "LINKAGE", linkage);
            assertThat(operator.text("#status")).isEqualTo(language.revocationRequested());
            operator.shot("linkage-awaiting-confirmation");
            operator.click("#action-confirm");
            assertThat(operator.has("#action-form")).isTrue();
            operator.shot("confirmation-step");
            confirmed = ledger.now();
            operator.click("#action-submit");
            assertThat(operator.has("#action-done")).as(operator.driver().getPageSource()).isTrue();
            operator.shot("revocation-confirmed");
            ledger.linkage(linkage, l -> l.path("status").asText().equals("REVOKED"));

            // Revoking what is already revoked: the ledger refuses, and the page says why in plain words.
            operator.open("/console/actions/linkages/" + linkage + "/revoke");
            operator.type("#reason", "The customer called the branch as well");
            operator.click("#action-submit");
            assertThat(operator.text("#refusal-code")).isEqualTo("LINKAGE_ALREADY_REVOKED");
            assertThat(operator.text("#refusal-words")).isEqualTo(language.alreadyRevoked());
            operator.shot("refusal-in-plain-words");
        }
        awaitAuditIndexHolds(ledger, linkage, "LinkageRevocationConfirmedEvent");
        ledger.clock().advance(Duration.ofMinutes(1)); // the events settle into the signed log (10 s)

        try (Browser handler = new Browser(ledger.ledger().queryUrl(), language.acceptLanguage(), language.code() + "-dispute")) {
            handler.signIn("dispute", "dispute", "/console");
            chooseLanguage(handler, language);
            handler.shot("find");

            // Find the account; read its timeline: every event, oldest first, both clocks.
            find(handler, "ACCOUNT", dispute.accountId());
            assertThat(handler.elements("#linkages .linkage-link")).extracting(WebElement::getText).containsExactly(linkage);
            handler.shot("account");
            handler.click("#open-account-timeline");
            List<String> types = handler.elements("#timeline tr.event").stream().map(r -> r.getAttribute("data-type")).toList();
            assertThat(types).containsSubsequence("AccountRegisteredEvent", "LinkageGrantedEvent",
                    "LinkageRevocationRequestedEvent", "LinkageRevocationConfirmedEvent");
            List<Long> positions = handler.elements("#timeline tr.event").stream()
                    .map(r -> Long.parseLong(r.getAttribute("data-position"))).toList();
            assertThat(positions).isSorted();
            assertThat(handler.text("#timeline")).contains("+09:00");
            assertThat(handler.text("#freshness")).containsPattern("\\d");
            handler.shot("account-timeline");

            // The instant between the request and its confirmation: still VALID (R5.1), the request shown.
            handler.open("/console/linkages/" + linkage);
            handler.click("#open-as-of");
            handler.type("#at", jst(dispute.requested().plus(Duration.ofMinutes(1))));
            handler.click("#as-of-go");
            assertThat(handler.text("#status")).isEqualTo(language.revocationRequested());
            assertThat(handler.text("#verdict-BALANCE .reason")).isEqualTo("VALID");
            assertThat(handler.elements("#timeline tr.rests-on")).extracting(r -> r.getAttribute("data-type"))
                    .contains("LinkageGrantedEvent", "LinkageRevocationRequestedEvent")
                    .doesNotContain("LinkageRevocationConfirmedEvent");
            handler.shot("as-of-between-request-and-confirmation");

            // Past the confirmation: REVOKED.
            handler.type("#at", jst(confirmed.plusSeconds(1)));
            handler.click("#as-of-go");
            assertThat(handler.text("#status")).isEqualTo(language.revoked());
            assertThat(handler.text("#verdict-BALANCE .reason")).isEqualTo("REVOKED");
            assertThat(handler.elements("#timeline tr.rests-on")).extracting(r -> r.getAttribute("data-type"))
                    .contains("LinkageRevocationConfirmedEvent");
            handler.shot("as-of-after-confirmation");

            // The evidence for that instant: verified on the page, and the downloaded file verifies offline.
            handler.click("#open-evidence");
            assertThat(handler.text("#bundle-verdict")).startsWith(language.verified());
            handler.shot("evidence-verified");
            handler.clickInPlace("#download-bundle");
            JsonNode json = LedgerHttp.JSON.readTree(handler.awaitJsonDownload());
            EvidenceVerifier.Report report = EvidenceVerifier.verify(json, publicKey(ledger));
            assertThat(report.verified()).as("%s", report.problems()).isTrue();
            assertThat(json.path("subject").path("id").asText()).isEqualTo(linkage);
            assertThat(handler.language()).isEqualTo(language.code());
        }
    }

    /** A time pasted as it appears in an answer, its {@code +} not URL-encoded, means what it says. */
    @Test
    void aTimeWithAPlusTypedIntoTheAddressIsReadAsWritten(LedgerDriver ledger) {
        Dispute dispute = revocationRequested(ledger);
        String linkage = dispute.granted().linkageId();
        awaitAuditIndexHolds(ledger, linkage, "LinkageRevocationRequestedEvent");
        try (Browser handler = new Browser(ledger.ledger().queryUrl(), "en", "en-plus")) {
            handler.signIn("dispute", "dispute", "/console/audit/linkages/" + linkage + "/as-of?at="
                    + jst(dispute.requested().plus(Duration.ofMinutes(1))));
            assertThat(handler.text("#status")).isEqualTo(ENGLISH.revocationRequested());
            assertThat(handler.element("#at").getAttribute("value")).endsWith("+09:00");
        }
    }

    @Test
    void anAuditorVerifiesTheChainAndWatchesAReplayToItsResult(LedgerDriver ledger) {
        ledger.linked();
        try (Browser auditor = new Browser(ledger.ledger().queryUrl(), "en", "en-auditor")) {
            auditor.signIn("auditor", "auditor", "/console/auditor");
            auditor.click("#verify-chain");
            assertThat(auditor.element("#verification").getAttribute("class")).contains("valid");
            auditor.shot("chain-verified");
            auditor.click("#start-replay");
            assertThat(auditor.has("#replay-state")).isTrue();
            auditor.shot("replay-running");
            eventually().atMost(Duration.ofMinutes(2)).until(() -> {
                auditor.driver().navigate().refresh();
                return !auditor.element("#replay-state + code").getText().equals("RUNNING");
            });
            assertThat(auditor.element("#replay-state + code").getText()).isEqualTo("DONE");
            assertThat(auditor.text("#replay-equal")).isEqualTo("The rebuilt read models equal the live ones.");
            auditor.shot("replay-done");
        }
    }

    @Test
    void aBreachIsListedWithItsSuspensionsAndDisclosuresAndMarkedOnTheTimeline(LedgerDriver ledger) {
        Granted granted = ledger.linked();
        String provider = ledger.http().providerOfLinkage(granted.linkageId());
        String breach = expect(ledger.http().post(ledger.cmd("/api/v1/breaches"), body("kind", "DATA_LEAK",
                "detectedAt", ledger.now().minus(Duration.ofHours(1)).toString(), "description", "Provider's log exposed",
                "affectedProviderIds", List.of(), "affectedAccountIds", List.of(), "affectedLinkageIds", List.of(granted.linkageId()),
                "suspendAffectedLinkages", true)), 201).body().path("breachId").asText();
        expect(ledger.http().post(ledger.cmd("/api/v1/breaches/" + breach + "/disclosures"), body("recipientProviderId", provider,
                "informationItems", List.of("account number"), "basisClause", "T3.6")), 201);
        eventually().until(() -> ledger.http().get(ledger.qry("/api/v1/breaches/" + breach)), answer -> answer.status() == 200
                && answer.body().path("suspensions").size() == 1 && answer.body().path("disclosures").size() == 1);
        awaitAuditIndexHolds(ledger, granted.linkageId(), "DisclosureRecordedEvent");

        try (Browser handler = new Browser(ledger.ledger().queryUrl(), "ja", "ja-breach")) {
            handler.signIn("dispute", "dispute", "/console");
            handler.click("header.top a[href='/console/breaches']");
            assertThat(handler.elements("#breaches .breach-link")).extracting(WebElement::getText).contains(breach);
            handler.shot("breaches");
            handler.click("#breaches a[href='/console/breaches/" + breach + "']");
            assertThat(handler.text("#breach-status")).isEqualTo("対応中");
            assertThat(handler.elements("#affected .affected-linkage")).extracting(WebElement::getText)
                    .containsExactly(granted.linkageId());
            assertThat(handler.text("#breach-suspensions")).contains(granted.linkageId());
            assertThat(handler.text("#breach-disclosures")).contains(provider, "account number", "T3.6");
            handler.shot("breach");
            handler.open("/console/audit/linkages/" + granted.linkageId() + "/timeline");
            assertThat(handler.elements("#timeline tr.mark-breach")).extracting(r -> r.getAttribute("data-type"))
                    .contains("BreachReportedEvent", "LinkageSuspendedEvent");
        }
    }

    @Test
    void aProviderSeesOnlyItsOwnLinkages(LedgerDriver ledger) {
        Granted own = ledger.linked();
        String provider = ledger.http().providerOfLinkage(own.linkageId());
        Granted another = ledger.linked();
        ledger.linkage(own.linkageId(), l -> true);
        ledger.linkage(another.linkageId(), l -> true);
        try (Browser browser = new Browser(ledger.ledger().queryUrl(), "ja", "ja-provider")) {
            browser.signIn(provider, ledger.http().secretOf(provider), "/console");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/console/providers/" + provider);
            assertThat(browser.elements("#linkages .linkage-link")).extracting(WebElement::getText)
                    .containsExactly(own.linkageId());
            browser.shot("own-linkages");

            browser.open("/console/linkages/" + another.linkageId());
            assertThat(browser.text("#error-code")).isEqualTo("LINKAGE_NOT_FOUND"); // exactly as an unknown id
            browser.open("/console/providers/" + ledger.http().providerOfLinkage(another.linkageId()));
            assertThat(browser.text("#error-code")).isEqualTo("PROVIDER_NOT_FOUND");
            browser.open("/console/audit/linkages/" + own.linkageId() + "/timeline");
            assertThat(browser.has("#forbidden")).isTrue();
            browser.open("/console/linkages/" + own.linkageId());
            assertThat(browser.text("#linkage-id")).isEqualTo(own.linkageId());
            assertThat(browser.has("#open-timeline")).isFalse();
            assertThat(browser.has("#action-revoke")).isFalse();
        }
    }

    @Test
    void aGatewayUserSeesNothingOfTheConsole(LedgerDriver ledger) {
        Granted granted = ledger.linked();
        try (Browser browser = new Browser(ledger.ledger().queryUrl(), "en", "en-gateway")) {
            for (String path : List.of("/console", "/console/linkages/" + granted.linkageId(),
                    "/console/audit/linkages/" + granted.linkageId() + "/timeline")) {
                browser.signIn("gateway", "gateway", path);
                assertThat(browser.has("#forbidden")).as(path).isTrue();
                assertThat(browser.has("header.top")).as(path).isFalse();
                assertThat(browser.driver().getPageSource()).doesNotContain(granted.linkageId());
            }
            browser.shot("forbidden");
        }
    }

    @Test
    void bothSidesGreetABrowserAtTheRootWithTheWayToTheConsole(LedgerDriver ledger) {
        try (Browser browser = new Browser(ledger.ledger().queryUrl(), "ja", "landing")) {
            browser.open("/");
            assertThat(browser.element("#console-link").getAttribute("href")).endsWith("/console");
            assertThat(browser.language()).isEqualTo("ja");
            browser.shot("query-side");
            browser.driver().get(ledger.ledger().commandUrl() + "/");
            assertThat(browser.element("#console-link").getAttribute("href")).isEqualTo("http://localhost:8081/console");
            assertThat(browser.driver().getPageSource()).contains("/swagger-ui.html", "/actuator/health");
            browser.shot("command-side");
        }
    }

    private static void chooseLanguage(Browser browser, Language language) {
        if (language.switchToIt()) {
            browser.click("#lang-" + language.code());
        }
        assertThat(browser.language()).isEqualTo(language.code());
    }

    private static void find(Browser browser, String kind, String id) {
        browser.open("/console");
        browser.element("#kind option[value='" + kind + "']").click();
        browser.type("#q", id);
        browser.click("#find-go");
    }

    /** The audit index is eventually consistent: the story reads it once it holds the event. */
    private static void awaitAuditIndexHolds(LedgerDriver ledger, String linkageId, String type) {
        String url = ledger.qry("/api/v1/audit/linkages/" + linkageId + "/history");
        eventually().until(() -> ledger.http().get(url), answer -> answer.status() == 200
                && answer.text().contains("\"type\":\"" + type + "\""));
    }

    private static PublicKey publicKey(LedgerDriver ledger) throws Exception {
        String key = expect(ledger.http().get(ledger.qry("/api/v1/audit/public-key")), 200).body().path("publicKey").asText();
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key)));
    }

    private static String jst(Instant instant) {
        return instant.atOffset(JST).toString();
    }
}
