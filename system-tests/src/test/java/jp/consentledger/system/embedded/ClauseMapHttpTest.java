package jp.consentledger.system.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.system.embedded.LedgerDriver.Granted;
import jp.consentledger.system.embedded.LedgerHttp.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static jp.consentledger.system.embedded.LedgerDriver.body;
import static jp.consentledger.system.embedded.LedgerDriver.expect;
import static jp.consentledger.system.embedded.LedgerDriver.instant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3: every row of DOMAIN.md's clause map, as the bank's systems observe it over HTTP, on both
 * sides running together. Time is moved on the clock both sides share, never slept through; the
 * query side is awaited (its answers say the event position they reflect).
 */
@ExtendWith(SharedLedger.class)
class ClauseMapHttpTest {
    private static LedgerDriver ledger;
    private static LedgerHttp http;

    @BeforeAll
    static void connect(LedgerDriver shared) {
        ledger = shared;
        http = shared.http();
    }

    // ---- R1.2, T1 ---------------------------------------------------------------------------------

    @Test
    void R1_2_T1_aLinkageNeedsAContractedProviderAnEligibleRegisteredAccountAndPublishedTerms() {
        String provider = ledger.provider();
        String account = ledger.account(provider);

        refused(ledger.grantAnswer(account, "never-contracted", List.of("BALANCE"), List.of()), 422, "PROVIDER_UNKNOWN");
        Answer unregistered = ledger.grantAnswer(LedgerDriver.newId("unregistered"), provider, List.of("BALANCE"), List.of());
        assertThat(unregistered.status()).as("%s", unregistered).isEqualTo(404);
        assertThat(unregistered.isProblem()).isTrue();

        Map<String, Object> unpublishedTerms = ledger.accountBody(LedgerDriver.newId("acct"), provider);
        unpublishedTerms.put("termsVersion", "never-published");
        refused(ledger.registerAccount(unpublishedTerms), 422, "TERMS_VERSION_UNKNOWN");
        refused(ledger.registerAccount(ledger.accountBody(LedgerDriver.newId("acct"), "never-contracted")), 422,
                "PROVIDER_UNKNOWN");
        refused(ledger.registerAccount(ledger.accountBody(account, provider)), 409, "ACCOUNT_ALREADY_REGISTERED");
    }

    // ---- R2.1, T1.1 -------------------------------------------------------------------------------

    @Test
    void R2_1_T1_1_aTokenCheckIsForOneScope_anUngrantedScopeAnswersScopeNotGranted() {
        String provider = ledger.provider();
        Granted balanceOnly = ledger.grant(ledger.account(provider), provider, "BALANCE");

        assertVerdict(balanceOnly.token(), "BALANCE", "VALID");
        JsonNode transactions = assertVerdict(balanceOnly.token(), "TRANSACTIONS", "SCOPE_NOT_GRANTED");
        assertThat(transactions.path("scopes").toString()).isEqualTo("[\"BALANCE\"]");
    }

    @Test
    void R2_1_R4_8_chainedRecipientsAreRecordedOnTheLinkage() {
        String provider = ledger.provider();
        Granted granted = ledger.grant(ledger.account(provider), provider, List.of("BALANCE", "TRANSACTIONS"),
                List.of("tax-advisor.example", "household-cloud"));

        JsonNode linkage = ledger.linkage(granted.linkageId(), l -> l.has("chainedRecipients"));
        assertThat(linkage.path("chainedRecipients").toString())
                .isEqualTo("[\"tax-advisor.example\",\"household-cloud\"]");
    }

    @Test
    void R2_1_anAmendmentOfScopesOrRecipientsKeepsTheLinkageAndItsToken() {
        String provider = ledger.provider();
        Granted granted = ledger.grant(ledger.account(provider), provider, List.of("BALANCE"), List.of());
        assertVerdict(granted.token(), "TRANSACTIONS", "SCOPE_NOT_GRANTED");

        Answer amended = expect(http.patch(ledger.cmd("/api/v1/linkages/" + granted.linkageId()),
                body("scopes", List.of("BALANCE", "TRANSACTIONS"), "chainedRecipients", List.of("budget-coach"))), 200);
        assertThat(amended.body().path("linkageId").asText()).isEqualTo(granted.linkageId());

        JsonNode check = assertVerdict(granted.token(), "TRANSACTIONS", "VALID");
        assertThat(check.path("linkageId").asText()).isEqualTo(granted.linkageId());
        assertThat(instant(check.path("expiresAt"))).isEqualTo(granted.expiresAt());
        JsonNode linkage = ledger.linkage(granted.linkageId(), l -> l.path("scopes").size() == 2);
        assertThat(linkage.path("chainedRecipients").toString()).isEqualTo("[\"budget-coach\"]");
    }

    // ---- R2.1 (service hours), R7.3, T8 -----------------------------------------------------------

    @Test
    void R2_1_T8_aWindowDeclaredAheadAnswersServiceSuspendedOnlyInsideIt_validBeforeFromAndFromUntil() {
        String provider = ledger.provider();
        Granted granted = ledger.grant(ledger.account(provider), provider, "BALANCE");
        Granted otherProvider = ledger.linked();
        Instant from = ledger.now().plus(Duration.ofHours(2));
        Instant until = from.plus(Duration.ofMinutes(30));
        expect(http.post(ledger.cmd("/api/v1/service-suspensions"), body("from", from.toString(), "until", until.toString(),
                "providerId", provider, "reason", "maintenance (R2.1 service hours)")), 201);

        ledger.clock().set(from.minusMillis(1));
        assertVerdict(granted.token(), "BALANCE", "VALID");
        ledger.clock().set(from);
        JsonNode inside = assertVerdict(granted.token(), "BALANCE", "SERVICE_SUSPENDED");
        assertThat(inside.path("valid").asBoolean()).isFalse();
        assertVerdict(otherProvider.token(), "BALANCE", "VALID");
        ledger.clock().set(until.minusMillis(1));
        assertVerdict(granted.token(), "BALANCE", "SERVICE_SUSPENDED");
        ledger.clock().set(until);
        assertVerdict(granted.token(), "BALANCE", "VALID");
    }

    @Test
    void R7_3_T8_aSuspensionForAllProvidersDeclaredForNowStopsEveryProvidersTokensAtOnce() {
        Granted first = ledger.linked();
        Granted second = ledger.linked();
        Instant until = ledger.now().plus(Duration.ofMinutes(15));
        try {
            Answer declared = expect(http.post(ledger.cmd("/api/v1/service-suspensions"),
                    body("until", until.toString(), "reason", "emergency stop of the API service (T8)")), 201);
            assertThat(declared.body().has("providerId")).isFalse();

            assertVerdict(first.token(), "BALANCE", "SERVICE_SUSPENDED");
            assertVerdict(second.token(), "TRANSACTIONS", "SERVICE_SUSPENDED");
        } finally {
            ledger.clock().set(until); // every other test's tokens are outside the window again
        }
        assertVerdict(first.token(), "BALANCE", "VALID");
    }

    // ---- R2.2 -------------------------------------------------------------------------------------

    @Test
    void R2_2_onlyTheThreeAccountKindsAndForIndividualsOnlyWithAPinRegisteredCard() {
        String provider = ledger.provider();
        for (String kind : List.of("ORDINARY_DEPOSIT", "SAVINGS_DEPOSIT", "CARD_LOAN")) {
            Map<String, Object> account = ledger.accountBody(LedgerDriver.newId("acct"), provider);
            account.put("accountType", kind);
            expect(ledger.registerAccount(account), 201);
        }
        Map<String, Object> timeDeposit = ledger.accountBody(LedgerDriver.newId("acct"), provider);
        timeDeposit.put("accountType", "TIME_DEPOSIT");
        refused(ledger.registerAccount(timeDeposit), 400, null);

        Map<String, Object> noCard = ledger.accountBody(LedgerDriver.newId("acct"), provider);
        noCard.put("pinRegisteredCard", false);
        refused(ledger.registerAccount(noCard), 422, "ACCOUNT_NOT_ELIGIBLE");

        Map<String, Object> corporate = ledger.accountBody(LedgerDriver.newId("acct"), provider);
        corporate.put("customerType", "CORPORATE");
        corporate.put("pinRegisteredCard", false);
        expect(ledger.registerAccount(corporate), 201);
    }

    // ---- R4.1, T3.1 -------------------------------------------------------------------------------

    @Test
    void R4_1_T3_1_aLapsedRegistrationAnswersRegistrationLapsedAndRefusesGrantsUntilRenewed() {
        String provider = ledger.provider();
        String account = LedgerDriver.newId("acct");
        Answer registered = expect(ledger.registerAccount(ledger.accountBody(account, provider)), 201);
        Instant lapsesAt = instant(registered.body().path("registrationExpiresAt"));
        ledger.clock().set(lapsesAt.minus(Duration.ofHours(1)));
        Granted granted = ledger.grant(account, provider, "BALANCE");
        assertThat(granted.expiresAt()).isAfter(lapsesAt);

        ledger.clock().set(lapsesAt.minusMillis(1));
        assertVerdict(granted.token(), "BALANCE", "VALID");
        ledger.clock().set(lapsesAt);
        assertVerdict(granted.token(), "BALANCE", "REGISTRATION_LAPSED");

        String otherProvider = ledger.provider();
        long refusalsBefore = eventsOfType(account, "LinkageGrantRefusedEvent");
        refused(ledger.grantAnswer(account, otherProvider, List.of("BALANCE"), List.of()), 422, "REGISTRATION_LAPSED");
        assertThat(eventsOfType(account, "LinkageGrantRefusedEvent")).as("the refusal is recorded as evidence")
                .isEqualTo(refusalsBefore + 1);

        Answer renewed = expect(http.post(ledger.cmd("/api/v1/accounts/" + account + "/registration-renewals"),
                body("termsVersion", ledger.termsInForce(), "identityVerificationRef", "ekyc-renewal")), 200);
        assertThat(instant(renewed.body().path("registrationExpiresAt"))).isEqualTo(ledger.now().plus(Duration.ofDays(365)));
        assertVerdict(granted.token(), "BALANCE", "VALID");
    }

    // ---- R4.2 -------------------------------------------------------------------------------------

    @Test
    void R4_2_permissionIsPerAccountAndPerProvider_oneLiveLinkageEach() {
        String first = ledger.provider();
        String second = ledger.provider();
        String account = ledger.account(first);
        Granted withFirst = ledger.grant(account, first, "BALANCE");
        Granted withSecond = ledger.grant(account, second, "BALANCE");

        assertThat(withSecond.linkageId()).isNotEqualTo(withFirst.linkageId());
        assertThat(withSecond.token()).isNotEqualTo(withFirst.token());
        refused(ledger.grantAnswer(account, first, List.of("TRANSACTIONS"), List.of()), 409, "LINKAGE_ALREADY_ACTIVE");
        assertVerdict(withFirst.token(), "BALANCE", "VALID");
        assertVerdict(withSecond.token(), "BALANCE", "VALID");
    }

    @Test
    void R4_2_reGrantingAfterTheLinkageLapsesGivesANewLinkageANewPeriodAndANewToken() {
        String provider = ledger.provider();
        String account = ledger.account(provider);
        Granted lapsed = ledger.grant(account, provider, "BALANCE");

        ledger.clock().set(lapsed.expiresAt());
        Granted again = ledger.grant(account, provider, "BALANCE");

        assertThat(again.linkageId()).isNotEqualTo(lapsed.linkageId());
        assertThat(again.token()).isNotEqualTo(lapsed.token());
        assertThat(again.expiresAt()).isEqualTo(lapsed.expiresAt().plus(Duration.ofDays(90)));
        assertVerdict(lapsed.token(), "BALANCE", "EXPIRED");
        assertVerdict(again.token(), "BALANCE", "VALID");
    }

    // ---- R4.3 -------------------------------------------------------------------------------------

    @Test
    void R4_3_validityIsExactToTheMillisecond_validOneMillisecondBeforeExpiryExpiredAtAndAfterIt() {
        Granted granted = ledger.linked();

        ledger.clock().set(granted.expiresAt().minusMillis(1));
        assertVerdict(granted.token(), "BALANCE", "VALID");
        ledger.clock().set(granted.expiresAt());
        assertVerdict(granted.token(), "BALANCE", "EXPIRED");
        ledger.clock().set(granted.expiresAt().plusMillis(1));
        JsonNode expired = assertVerdict(granted.token(), "TRANSACTIONS", "EXPIRED");
        assertThat(expired.path("valid").asBoolean()).isFalse();
    }

    @Test
    void R4_3_theTokenIsReturnedOnceAndTheLedgerKeepsOnlyItsHash() throws Exception {
        Granted granted = ledger.linked();
        JsonNode linkage = ledger.linkage(granted.linkageId(), l -> true);

        assertThat(linkage.toString()).doesNotContain(granted.token());
        try (Connection c = ledger.ledger().connect();
             ResultSet rs = c.createStatement().executeQuery("SELECT payload FROM domain_event_entry")) {
            while (rs.next()) {
                assertThat(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(granted.token());
            }
        }
    }

    @Test
    void R4_3_anUnknownTokenIsAnsweredInvalidWithNothingElseAboutAnyone() {
        ledger.linked();
        JsonNode unknown = ledger.check("t".repeat(43), "BALANCE").body();

        assertThat(unknown.path("valid").asBoolean(true)).isFalse();
        assertThat(unknown.path("reason").asText()).isEqualTo("UNKNOWN_TOKEN");
        List<String> fields = new ArrayList<>();
        unknown.fieldNames().forEachRemaining(fields::add);
        // available: whether the service is open (docs/gateway.md), which says nothing about anyone.
        assertThat(fields).containsExactlyInAnyOrder("valid", "available", "reason", "asOf");
        assertThat(unknown.path("available").asBoolean(false)).isTrue();
    }

    // ---- R4.4, T3.2-3.3 ---------------------------------------------------------------------------

    @Test
    void R4_4_T3_3_aValidCheckNamesTheLinkageItRestsOnAndTheEventPositionItReflects() {
        String provider = ledger.provider();
        String account = ledger.account(provider);
        Granted granted = ledger.grant(account, provider, "TRANSACTIONS");
        long grantPosition = ledger.ledger().queryLong("SELECT MAX(global_index) FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND payload_type LIKE '%LinkageGrantedEvent'", new AccountId(account).aggregateIdentifier());

        JsonNode check = assertVerdict(granted.token(), "TRANSACTIONS", "VALID");
        assertThat(check.path("linkageId").asText()).isEqualTo(granted.linkageId());
        assertThat(check.path("accountId").asText()).isEqualTo(account);
        assertThat(check.path("providerId").asText()).isEqualTo(provider);
        assertThat(check.path("asOf").path("eventPosition").asLong()).isGreaterThanOrEqualTo(grantPosition);
        assertThat(instant(check.path("asOf").path("at"))).isEqualTo(ledger.now());
    }

    // ---- R4.6-4.8, T3.6-3.7 -----------------------------------------------------------------------

    @Test
    void R4_6_T3_6_aBreachIsReportedWithItsDisclosuresSuspendsAffectedLinkagesAndIsResolvedNeverDeleted() {
        String provider = ledger.provider();
        String account = ledger.account(provider);
        Granted affected = ledger.grant(account, provider, List.of("BALANCE"), List.of("household-cloud"));
        Granted unaffected = ledger.linked();

        Answer reported = expect(http.post(ledger.cmd("/api/v1/breaches"), body("kind", "UNAUTHORIZED_ACCESS",
                "detectedAt", ledger.now().minus(Duration.ofMinutes(30)).toString(),
                "description", "credential stuffing against the provider's login", "affectedProviderIds", List.of(provider),
                "affectedAccountIds", List.of(account), "affectedLinkageIds", List.of(affected.linkageId()),
                "suspendAffectedLinkages", true)), 201);
        String breach = reported.body().path("breachId").asText();
        // The suspensions follow the report (a processor acts on it), so they are awaited.
        LedgerDriver.eventually().until(() -> ledger.reason(affected.token(), "BALANCE"), "SUSPENDED"::equals);
        assertVerdict(affected.token(), "BALANCE", "SUSPENDED");
        assertVerdict(unaffected.token(), "BALANCE", "VALID");

        expect(http.post(ledger.cmd("/api/v1/breaches/" + breach + "/disclosures"), body("recipientProviderId", provider,
                "informationItems", List.of("access log excerpt"), "basisClause", "R4.7")), 201);
        expect(http.post(ledger.cmd("/api/v1/breaches/" + breach + "/disclosures"), body("recipientChainedRecipient",
                "household-cloud", "informationItems", List.of("account holder name"), "basisClause", "R4.8")), 201);
        expect(http.post(ledger.cmd("/api/v1/breaches/" + breach + "/resolution"), body("summary", "passwords reset")), 200);
        refused(http.post(ledger.cmd("/api/v1/breaches/" + breach + "/resolution"), body("summary", "again")), 409,
                "BREACH_ALREADY_RESOLVED");
        assertThat(ledger.ledger().eventTypesOf(new BreachId(breach).aggregateIdentifier())).containsExactly("BreachReportedEvent",
                "DisclosureRecordedEvent", "DisclosureRecordedEvent", "BreachResolvedEvent");
    }

    @Test
    void R4_6_R7_3_aSuspendedLinkageAnswersSuspendedUntilResumed() {
        Granted granted = ledger.linked();

        expect(ledger.linkageCommand(granted.linkageId(), "suspension", body("reason", "suspicious access pattern")), 200);
        assertVerdict(granted.token(), "BALANCE", "SUSPENDED");
        expect(http.delete(ledger.cmd("/api/v1/linkages/" + granted.linkageId() + "/suspension")), 200);
        assertVerdict(granted.token(), "BALANCE", "VALID");
    }

    // ---- R5.1, T4.1 -------------------------------------------------------------------------------

    @Test
    void R5_1_T4_1_aRequestedRevocationStaysValidUntilTheBankConfirms_bothTimesKept() {
        Granted granted = ledger.linked();
        ledger.clock().advance(Duration.ofHours(1));
        Instant askedProvider = ledger.now().minus(Duration.ofMinutes(20));

        expect(ledger.linkageCommand(granted.linkageId(), "revocation-requests", body("requestedAt", askedProvider.toString())), 202);
        Instant recordedAt = ledger.now();
        assertVerdict(granted.token(), "BALANCE", "VALID");
        JsonNode requested = ledger.linkage(granted.linkageId(), l -> l.path("status").asText().equals("REVOCATION_REQUESTED"));
        assertThat(instant(requested.path("revocationRequestedAt"))).isEqualTo(askedProvider);
        assertThat(instant(requested.path("revocationRecordedAt"))).isEqualTo(recordedAt);

        ledger.clock().advance(Duration.ofMinutes(3));
        expect(ledger.linkageCommand(granted.linkageId(), "revocation-confirmations", null), 200);
        assertVerdict(granted.token(), "BALANCE", "REVOKED");
        JsonNode revoked = ledger.linkage(granted.linkageId(), l -> l.path("status").asText().equals("REVOKED"));
        assertThat(instant(revoked.path("revokedAt"))).isEqualTo(ledger.now());
        refused(ledger.linkageCommand(granted.linkageId(), "revocation-requests",
                body("requestedAt", ledger.now().toString())), 409, "LINKAGE_ALREADY_REVOKED");
    }

    @Test
    void R5_1_confirmingWithoutARequestIsRefused() {
        Granted granted = ledger.linked();

        refused(ledger.linkageCommand(granted.linkageId(), "revocation-confirmations", null), 409, "REVOCATION_NOT_REQUESTED");
        assertVerdict(granted.token(), "BALANCE", "VALID");
    }

    @Test
    void R5_1_aRevocationAtTheBankItselfIsEffectiveAtOnce() {
        Granted granted = ledger.linked();

        Answer revoked = expect(ledger.linkageCommand(granted.linkageId(), "revocations",
                body("reason", "the customer asked at the branch")), 200);
        assertThat(revoked.body().path("status").asText()).isEqualTo("REVOKED");
        assertVerdict(granted.token(), "TRANSACTIONS", "REVOKED");
    }

    // ---- R5.2 -------------------------------------------------------------------------------------

    @Test
    void R5_2_closingTheAccountStopsEveryLinkageAtOnce() {
        String first = ledger.provider();
        String second = ledger.provider();
        String account = ledger.account(first);
        Granted withFirst = ledger.grant(account, first, "BALANCE");
        Granted withSecond = ledger.grant(account, second, "TRANSACTIONS");

        expect(http.post(ledger.cmd("/api/v1/accounts/" + account + "/closure"), body("reason", "account closed at the branch")), 200);

        assertVerdict(withFirst.token(), "BALANCE", "ACCOUNT_CLOSED");
        assertVerdict(withSecond.token(), "TRANSACTIONS", "ACCOUNT_CLOSED");
        refused(ledger.grantAnswer(account, ledger.provider(), List.of("BALANCE"), List.of()), 422, "ACCOUNT_CLOSED");
    }

    @Test
    void R5_2_suspendingTheAccountStopsEveryLinkageUntilItIsResumed() {
        String first = ledger.provider();
        String second = ledger.provider();
        String account = ledger.account(first);
        Granted withFirst = ledger.grant(account, first, "BALANCE");
        Granted withSecond = ledger.grant(account, second, "BALANCE");

        expect(http.post(ledger.cmd("/api/v1/accounts/" + account + "/suspension"), body("reason", "seizure order")), 200);
        assertVerdict(withFirst.token(), "BALANCE", "ACCOUNT_SUSPENDED");
        assertVerdict(withSecond.token(), "BALANCE", "ACCOUNT_SUSPENDED");

        expect(http.delete(ledger.cmd("/api/v1/accounts/" + account + "/suspension")), 200);
        assertVerdict(withFirst.token(), "BALANCE", "VALID");
        assertVerdict(withSecond.token(), "BALANCE", "VALID");
    }

    // ---- R7.3-7.4, T6.3, T9 -----------------------------------------------------------------------

    @Test
    void R7_3_T6_3_aSuspendedProvidersTokensAnswerProviderSuspendedAtOnceAndNothingIsGrantedToIt() {
        String provider = ledger.provider();
        Granted granted = ledger.grant(ledger.account(provider), provider, "BALANCE");
        String otherAccount = ledger.account(ledger.provider());

        expect(http.post(ledger.cmd("/api/v1/providers/" + provider + "/suspension"), body("reason", "audit finding")), 200);
        assertVerdict(granted.token(), "BALANCE", "PROVIDER_SUSPENDED");
        refused(ledger.grantAnswer(otherAccount, provider, List.of("BALANCE"), List.of()), 422, "PROVIDER_SUSPENDED");

        expect(http.delete(ledger.cmd("/api/v1/providers/" + provider + "/suspension")), 200);
        assertVerdict(granted.token(), "BALANCE", "VALID");
    }

    @Test
    void R7_4_T9_aTerminatedProvidersTokensStopForGood() {
        String provider = ledger.provider();
        Granted granted = ledger.grant(ledger.account(provider), provider, "BALANCE");

        expect(http.post(ledger.cmd("/api/v1/providers/" + provider + "/termination"), body("reason", "contract ended")), 200);
        assertVerdict(granted.token(), "BALANCE", "PROVIDER_SUSPENDED");
        refused(http.delete(ledger.cmd("/api/v1/providers/" + provider + "/suspension")), 422, "PROVIDER_TERMINATED");
        assertVerdict(granted.token(), "BALANCE", "PROVIDER_SUSPENDED");
    }

    // ---- R10, T7 ----------------------------------------------------------------------------------

    @Test
    void R10_T7_registrationsConsentToTheVersionInForceAndTheLinkageShowsWhichOne() {
        String provider = ledger.provider();
        String previous = ledger.termsInForce();
        Granted underPrevious = ledger.grant(ledger.account(provider), provider, "BALANCE");
        String next = LedgerDriver.newId("v2026");
        Instant effective = ledger.now().plus(Duration.ofDays(1));
        ledger.publishTerms(next, effective);

        Map<String, Object> early = ledger.accountBody(LedgerDriver.newId("acct"), provider);
        early.put("termsVersion", next);
        refused(ledger.registerAccount(early), 422, "TERMS_VERSION_NOT_IN_FORCE");

        ledger.clock().set(effective);
        ledger.termsNowInForce(next);
        Map<String, Object> stale = ledger.accountBody(LedgerDriver.newId("acct"), provider);
        stale.put("termsVersion", previous);
        refused(ledger.registerAccount(stale), 422, "TERMS_VERSION_NOT_IN_FORCE");
        String account = ledger.account(provider);
        Granted underNext = ledger.grant(account, provider, "BALANCE");

        assertThat(ledger.linkage(underNext.linkageId(), l -> true).path("termsVersion").asText()).isEqualTo(next);
        assertThat(ledger.linkage(underPrevious.linkageId(), l -> true).path("termsVersion").asText()).isEqualTo(previous);
        assertVerdict(underPrevious.token(), "BALANCE", "VALID");
    }

    // ---- R11, T11 ---------------------------------------------------------------------------------

    @Test
    void R11_T11_noCommandMovesALinkageToAnotherAccountOrProvider() {
        Granted granted = ledger.linked();
        JsonNode before = ledger.linkage(granted.linkageId(), l -> true);
        String otherProvider = ledger.provider();
        String otherAccount = ledger.account(otherProvider);
        String path = ledger.cmd("/api/v1/linkages/" + granted.linkageId());
        long events = ledger.ledger().eventCountExceptDeadlines();

        refused(http.patch(path, body("providerId", otherProvider)), 400, null);
        refused(http.patch(path, body("accountId", otherAccount, "scopes", List.of("BALANCE"))), 400, null);
        refused(http.put(path, body("accountId", otherAccount, "providerId", otherProvider)), 405, null);
        refused(http.post(path + "/transfer", body("accountId", otherAccount)), 404, null);

        assertThat(ledger.ledger().eventCountExceptDeadlines()).isEqualTo(events);
        JsonNode after = ledger.linkage(granted.linkageId(), l -> true);
        assertThat(after.path("accountId")).isEqualTo(before.path("accountId"));
        assertThat(after.path("providerId")).isEqualTo(before.path("providerId"));
        assertVerdict(granted.token(), "BALANCE", "VALID");
    }

    // ---- R6, T5 -----------------------------------------------------------------------------------

    @Test
    void R6_T5_everyReadAnswerSaysTheInstantAndEventPositionItReflects() {
        String provider = ledger.provider();
        String account = ledger.account(provider);
        Granted granted = ledger.grant(account, provider, "BALANCE");
        ledger.awaitQuerySideCaughtUp();

        List<JsonNode> answers = List.of(
                ledger.check(granted.token(), "BALANCE").body(),
                ledger.linkage(granted.linkageId(), l -> true),
                expect(http.get(ledger.qry("/api/v1/accounts/" + account + "/linkages")), 200).body(),
                expect(http.get(ledger.qry("/api/v1/providers/" + provider + "/linkages")), 200).body());
        for (JsonNode answer : answers) {
            assertThat(instant(answer.path("asOf").path("at"))).as("%s", answer).isEqualTo(ledger.now());
            assertThat(answer.path("asOf").path("eventPosition").asLong(-1)).as("%s", answer).isPositive();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** The token check's answer, asserting its reason and that only VALID is valid. */
    private static JsonNode assertVerdict(String token, String scope, String reason) {
        JsonNode answer = ledger.check(token, scope).body();
        assertThat(answer.path("reason").asText()).as("check at %s: %s", ledger.now(), answer).isEqualTo(reason);
        assertThat(answer.path("valid").asBoolean()).isEqualTo(reason.equals("VALID"));
        return answer;
    }

    /** A refusal: problem+json with the status and (when given) the code, and a sentence to act on. */
    private static void refused(Answer answer, int status, String code) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.isProblem()).as("%s is problem+json", answer).isTrue();
        assertThat(answer.code()).as("%s", answer).isNotBlank();
        if (code != null) {
            assertThat(answer.code()).as("%s", answer).isEqualTo(code);
        }
        assertThat(answer.body().path("detail").asText()).as("%s", answer).isNotBlank();
    }

    private static long eventsOfType(String accountId, String type) {
        return ledger.ledger().eventTypesOf(new AccountId(accountId).aggregateIdentifier()).stream().filter(type::equals).count();
    }
}
