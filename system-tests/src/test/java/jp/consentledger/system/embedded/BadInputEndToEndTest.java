package jp.consentledger.system.embedded;

import jp.consentledger.system.embedded.LedgerHttp.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 2: bad input on every command endpoint (malformed JSON, missing fields, unknown enum values,
 * invalid ids, in the body and in the path) is answered 400 problem+json with a {@code code}, never
 * 500, and records nothing (the event table is counted before and after, over JDBC).
 */
@ExtendWith(SharedLedger.class)
class BadInputEndToEndTest {
    private static final String MALFORMED = "{\"reason\": \"unterminated";
    private static final String BAD_ID = "no!such id";
    private static LedgerDriver ledger;
    private static String provider;
    private static String account;
    private static String linkage;
    private static String breach;

    private record Case(String method, String path, Object body) {
    }

    @BeforeAll
    static void existingRecords(LedgerDriver shared) {
        ledger = shared;
        provider = ledger.provider();
        account = ledger.account(provider);
        linkage = ledger.grant(account, provider, "BALANCE").linkageId();
        breach = LedgerDriver.expect(ledger.http().post(ledger.cmd("/api/v1/breaches"), LedgerDriver.body(
                "kind", "SYSTEM_FAILURE", "detectedAt", ledger.now().toString(), "description", "bad-input fixture")),
                201).body().path("breachId").asText();
    }

    @TestFactory
    Stream<DynamicTest> everyCommandEndpointAnswersBadInputWith400ProblemDetailsAndRecordsNothing() {
        List<Case> cases = new ArrayList<>();
        // POST /providers
        bodyCases(cases, "POST", "/api/v1/providers",
                "{}", "{\"providerId\":\"p-ok\"}", "{\"name\":\"No id\"}",
                "{\"providerId\":\"" + BAD_ID + "\",\"name\":\"n\"}",
                "{\"providerId\":\"" + "x".repeat(65) + "\",\"name\":\"n\"}",
                "{\"providerId\":\"p-ok2\",\"name\":\"   \"}",
                "{\"providerId\":\"p-ok3\",\"name\":\"n\",\"accountId\":\"a\"}",
                "[]", "\"text\"");
        for (String action : List.of("suspension", "termination")) {
            bodyCases(cases, "POST", "/api/v1/providers/" + provider + "/" + action, "{}", "{\"reason\":\"\"}", "{\"reason\":7}");
            cases.add(new Case("POST", "/api/v1/providers/" + BAD_ID + "/" + action, "{\"reason\":\"r\"}"));
        }
        cases.add(new Case("DELETE", "/api/v1/providers/" + BAD_ID + "/suspension", null));
        // POST /terms
        bodyCases(cases, "POST", "/api/v1/terms", "{}",
                "{\"version\":\"v 9\",\"effectiveFrom\":\"2026-01-01T00:00:00Z\",\"documentSha256\":\"ab\"}",
                "{\"version\":\"v9\",\"effectiveFrom\":\"next tuesday\",\"documentSha256\":\"ab\"}",
                "{\"version\":\"v9\",\"effectiveFrom\":\"2026-01-01T00:00:00Z\"}");
        // POST /accounts
        String goodAccount = "{\"accountId\":\"%s\",\"customerId\":\"%s\",\"customerType\":\"%s\",\"accountType\":\"%s\","
                + "\"pinRegisteredCard\":%s,\"termsVersion\":\"" + ledger.termsInForce() + "\",\"identityVerificationRef\":\"ekyc\","
                + "\"viaProviderId\":\"" + provider + "\"}";
        bodyCases(cases, "POST", "/api/v1/accounts", "{}",
                goodAccount.formatted("a-new1", "c1", "ALIEN", "ORDINARY_DEPOSIT", "true"),
                goodAccount.formatted("a-new2", "c1", "INDIVIDUAL", "TIME_DEPOSIT", "true"),
                goodAccount.formatted(BAD_ID, "c1", "INDIVIDUAL", "ORDINARY_DEPOSIT", "true"),
                goodAccount.formatted("a-new3", BAD_ID, "INDIVIDUAL", "ORDINARY_DEPOSIT", "true"),
                goodAccount.formatted("a-new4", "c1", "INDIVIDUAL", "ORDINARY_DEPOSIT", "\"maybe\""),
                goodAccount.formatted("a-new5", "c1", "INDIVIDUAL", "ORDINARY_DEPOSIT", "null"));
        // account commands
        String accountPath = "/api/v1/accounts/" + account;
        bodyCases(cases, "POST", accountPath + "/registration-renewals", "{}",
                "{\"termsVersion\":\"" + BAD_ID + "\",\"identityVerificationRef\":\"e\"}",
                "{\"termsVersion\":\"v1\"}");
        cases.add(new Case("POST", "/api/v1/accounts/" + BAD_ID + "/registration-renewals",
                "{\"termsVersion\":\"" + ledger.termsInForce() + "\",\"identityVerificationRef\":\"e\"}"));
        for (String action : List.of("closure", "suspension")) {
            bodyCases(cases, "POST", accountPath + "/" + action, "{}", "{\"reason\":null}");
            cases.add(new Case("POST", "/api/v1/accounts/" + BAD_ID + "/" + action, "{\"reason\":\"r\"}"));
        }
        cases.add(new Case("DELETE", "/api/v1/accounts/" + BAD_ID + "/suspension", null));
        bodyCases(cases, "POST", accountPath + "/linkages", "{}",
                "{\"providerId\":\"" + provider + "\",\"scopes\":[\"EVERYTHING\"],\"chainedRecipients\":[]}",
                "{\"providerId\":\"" + provider + "\",\"scopes\":[],\"chainedRecipients\":[]}",
                "{\"providerId\":\"" + provider + "\",\"scopes\":[null],\"chainedRecipients\":[]}",
                "{\"providerId\":\"" + provider + "\",\"scopes\":\"BALANCE\",\"chainedRecipients\":[]}",
                "{\"providerId\":\"" + provider + "\",\"scopes\":[\"BALANCE\"]}",
                "{\"providerId\":\"" + provider + "\",\"scopes\":[\"BALANCE\"],\"chainedRecipients\":[\"\"]}",
                "{\"providerId\":\"" + BAD_ID + "\",\"scopes\":[\"BALANCE\"],\"chainedRecipients\":[]}");
        cases.add(new Case("POST", "/api/v1/accounts/" + BAD_ID + "/linkages",
                "{\"providerId\":\"" + provider + "\",\"scopes\":[\"BALANCE\"],\"chainedRecipients\":[]}"));
        // linkage commands
        String linkagePath = "/api/v1/linkages/" + linkage;
        bodyCases(cases, "POST", linkagePath + "/revocation-requests", "{}", "{\"requestedAt\":\"just now\"}",
                "{\"requestedAt\":\"2026-03-01T10:00:00\"}");
        cases.add(new Case("POST", "/api/v1/linkages/" + BAD_ID + "/revocation-requests", "{\"requestedAt\":\"2026-03-01T10:00:00Z\"}"));
        cases.add(new Case("POST", "/api/v1/linkages/" + BAD_ID + "/revocation-confirmations", null));
        bodyCases(cases, "PATCH", linkagePath, "{}", "{\"scopes\":[\"ALL\"]}", "{\"scopes\":[]}",
                "{\"providerId\":\"" + provider + "\"}", "{\"accountId\":\"" + account + "\",\"scopes\":[\"BALANCE\"]}");
        cases.add(new Case("PATCH", "/api/v1/linkages/" + BAD_ID, "{\"scopes\":[\"BALANCE\"]}"));
        for (String action : List.of("revocations", "suspension")) {
            bodyCases(cases, "POST", linkagePath + "/" + action, "{}", "{\"reason\":\"" + "r".repeat(1001) + "\"}");
            cases.add(new Case("POST", "/api/v1/linkages/" + BAD_ID + "/" + action, "{\"reason\":\"r\"}"));
        }
        cases.add(new Case("DELETE", "/api/v1/linkages/" + BAD_ID + "/suspension", null));
        // breaches
        bodyCases(cases, "POST", "/api/v1/breaches", "{}",
                "{\"kind\":\"METEOR\",\"detectedAt\":\"2026-03-01T10:00:00Z\",\"description\":\"d\"}",
                "{\"kind\":\"DATA_LEAK\",\"detectedAt\":\"soon\",\"description\":\"d\"}",
                "{\"kind\":\"DATA_LEAK\",\"detectedAt\":\"2026-03-01T10:00:00Z\",\"description\":\"d\",\"affectedLinkageIds\":[\"" + BAD_ID + "\"]}",
                "{\"kind\":\"DATA_LEAK\",\"detectedAt\":\"2026-03-01T10:00:00Z\",\"description\":\"d\",\"suspendAffectedLinkages\":\"yes\"}");
        String breachPath = "/api/v1/breaches/" + breach;
        bodyCases(cases, "POST", breachPath + "/disclosures", "{}",
                "{\"recipientProviderId\":\"" + provider + "\",\"recipientChainedRecipient\":\"x\",\"informationItems\":[\"name\"],\"basisClause\":\"R4.7\"}",
                "{\"recipientProviderId\":\"" + provider + "\",\"basisClause\":\"R4.7\"}",
                "{\"recipientProviderId\":\"" + BAD_ID + "\",\"informationItems\":[\"name\"],\"basisClause\":\"R4.7\"}");
        cases.add(new Case("POST", "/api/v1/breaches/" + BAD_ID + "/disclosures",
                "{\"recipientProviderId\":\"" + provider + "\",\"informationItems\":[\"name\"],\"basisClause\":\"R4.7\"}"));
        bodyCases(cases, "POST", breachPath + "/resolution", "{}", "{\"summary\":\" \"}");
        cases.add(new Case("POST", "/api/v1/breaches/" + BAD_ID + "/resolution", "{\"summary\":\"s\"}"));
        // service suspensions
        bodyCases(cases, "POST", "/api/v1/service-suspensions", "{}",
                "{\"until\":\"later\",\"reason\":\"r\"}",
                "{\"until\":\"2036-03-01T10:00:00Z\",\"reason\":\"r\",\"providerId\":\"" + BAD_ID + "\"}",
                "{\"from\":\"2036-03-02T10:00:00Z\",\"until\":\"2036-03-01T10:00:00Z\",\"reason\":\"r\"}",
                "{\"until\":\"2036-03-01T10:00:00Z\"}");
        cases.add(new Case("DELETE", "/api/v1/service-suspensions/" + BAD_ID, null));

        return cases.stream().map(c -> DynamicTest.dynamicTest(c.method() + " " + c.path() + " " + c.body(), () -> {
            long before = ledger.ledger().eventCountExceptDeadlines();
            Answer answer = ledger.http().send(c.method(), ledger.cmd(c.path().replace(" ", "%20")), c.body());
            assertThat(answer.status()).as("%s", answer).isEqualTo(400);
            assertThat(answer.isProblem()).as("content type %s", answer.contentType()).isTrue();
            assertThat(answer.code()).as("%s", answer).isNotBlank();
            assertThat(answer.body().path("detail").asText()).as("%s", answer).isNotBlank();
            assertThat(ledger.ledger().eventCountExceptDeadlines()).as("events recorded for %s", c).isEqualTo(before);
        }));
    }

    /** Malformed JSON and wrong content are bad input for every endpoint that takes a body, plus its own cases. */
    private static void bodyCases(List<Case> cases, String method, String path, String... bodies) {
        cases.add(new Case(method, path, MALFORMED));
        cases.add(new Case(method, path, ""));
        for (String body : bodies) {
            cases.add(new Case(method, path, body));
        }
    }
}
