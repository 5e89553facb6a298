package jp.consentledger.system.security;

import jp.consentledger.system.security.Http.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static jp.consentledger.system.security.Http.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17's hostile requests over HTTP, on both sides: instants outside the ledger's range (finding 2),
 * duplicated JSON keys, TRACE and odd methods (finding 3), and boundary values on every command endpoint,
 * each answered before or with its commit: never a 5xx, and a 400 records nothing.
 */
class HostileInputTest {
    static final String[] OPERATOR = {"operator", "operator"};
    static final String[] GATEWAY = {"gateway", "gateway"};
    static final String[] AUDITOR = {"auditor", "auditor"};
    static final String[] DISPUTE = {"dispute", "dispute"};
    static final List<String> OUT_OF_RANGE = List.of("-1000000000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
            "1999-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z", "0001-01-01T00:00:00+09:00");

    static SecuredLedger ledger;
    static String cmd;
    static String qry;
    static String[] provider;
    static String linkage;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        ledger = new SecuredLedger(Files.createTempDirectory("ledger-hostile"));
        cmd = ledger.commandUrl();
        qry = ledger.queryUrl();
        ok(send("POST", cmd + "/api/v1/terms", OPERATOR, "{\"version\":\"2026-01\",\"effectiveFrom\":\"2026-01-01T00:00:00Z\","
                + "\"documentSha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}"), 201);
        provider = new String[]{"p-h", ok(send("POST", cmd + "/api/v1/providers", OPERATOR,
                "{\"providerId\":\"p-h\",\"name\":\"H\"}"), 201).field("secret")};
        ok(send("POST", cmd + "/api/v1/providers", OPERATOR, "{\"providerId\":\"p-spare\",\"name\":\"Spare\"}"), 201);
        ok(send("POST", cmd + "/api/v1/accounts", OPERATOR, account("acc-h")), 201);
        Answer grant = ok(send("POST", cmd + "/api/v1/accounts/acc-h/linkages", OPERATOR,
                "{\"providerId\":\"p-h\",\"scopes\":[\"BALANCE\"],\"chainedRecipients\":[]}"), 201);
        linkage = grant.field("linkageId");
        token = grant.field("token");
        await().atMost(Duration.ofSeconds(30)).until(() -> tokenCheck().status() == 200
                && send("GET", qry + "/api/v1/audit/linkages/" + linkage + "/history", AUDITOR, null).status() == 200);
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    /** Finding 2: the service suspension recorded these, then answered 500; every instant a command takes is bounded. */
    @Test
    void anInstantOutsideTheLedgersRangeIsA400ThatRecordsNothing() {
        List<String> wrong = new ArrayList<>();
        long events = events();
        for (String instant : OUT_OF_RANGE) {
            String q = "\"" + instant + "\"";
            expectOutOfRange(wrong, "POST", cmd + "/api/v1/service-suspensions", OPERATOR,
                    "{\"from\":" + q + ",\"until\":\"2030-01-01T00:00:00Z\",\"providerId\":\"p-spare\",\"reason\":\"r\"}");
            expectOutOfRange(wrong, "POST", cmd + "/api/v1/service-suspensions", OPERATOR,
                    "{\"until\":" + q + ",\"providerId\":\"p-spare\",\"reason\":\"r\"}");
            expectOutOfRange(wrong, "POST", cmd + "/api/v1/breaches", OPERATOR,
                    "{\"kind\":\"DATA_LEAK\",\"detectedAt\":" + q + ",\"description\":\"d\"}");
            expectOutOfRange(wrong, "POST", cmd + "/api/v1/terms", OPERATOR, "{\"version\":\"2027-01\",\"effectiveFrom\":" + q
                    + ",\"documentSha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}");
            expectOutOfRange(wrong, "POST", cmd + "/api/v1/linkages/" + linkage + "/revocation-requests", provider,
                    "{\"requestedAt\":" + q + "}");
            String param = instant.replace("+", "%2B");
            expectOutOfRange(wrong, "GET", qry + "/api/v1/audit/linkages/" + linkage + "/state?at=" + param, DISPUTE, null);
            expectOutOfRange(wrong, "GET", qry + "/api/v1/audit/linkages/" + linkage + "/state?at=2026-06-01T00:00:00Z&knownAt="
                    + param, DISPUTE, null);
            expectOutOfRange(wrong, "GET", qry + "/api/v1/audit/linkages/" + linkage + "/evidence?at=" + param, DISPUTE, null);
            expectOutOfRange(wrong, "GET", qry + "/api/v1/audit/accounts/acc-h/evidence?at=" + param, DISPUTE, null);
            expectOutOfRange(wrong, "POST", qry + "/api/v1/audit/token-checks", DISPUTE,
                    "{\"token\":\"" + token + "\",\"scope\":\"BALANCE\",\"at\":" + q + "}");
        }
        assertThat(wrong).isEmpty();
        assertThat(events()).isEqualTo(events);
    }

    /** Answer means recorded: boundary values on every command endpoint never meet a 5xx, before or after a commit. */
    @Test
    void everyCommandEndpointDecidesItsAnswerBeforeOrWithItsCommit() {
        String max = "9999-12-31T23:59:59.999999999Z";
        String min = "2000-01-01T00:00:00Z";
        String longText = "\u3042".repeat(1000);
        String ids = String.join(",", java.util.stream.IntStream.range(0, 1001).mapToObj(i -> "\"p-" + i + "\"").toList());
        String recipients = String.join(",", java.util.stream.IntStream.range(0, 101).mapToObj(i -> "\"r-" + i + "\"").toList());
        List<String[]> calls = List.of(
                new String[]{"POST", "/api/v1/terms", "{\"version\":\"9999-12\",\"effectiveFrom\":\"" + max
                        + "\",\"documentSha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}"},
                new String[]{"POST", "/api/v1/terms", "{\"version\":\"2000-01\",\"effectiveFrom\":\"" + min
                        + "\",\"documentSha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}"},
                new String[]{"POST", "/api/v1/providers", "{\"providerId\":\"" + "p".repeat(64) + "\",\"name\":\"" + "n".repeat(200) + "\"}"},
                new String[]{"POST", "/api/v1/providers", "{\"providerId\":\"p-long\",\"name\":\"" + "n".repeat(201) + "\"}"},
                new String[]{"POST", "/api/v1/providers/p-spare/suspension", "{\"reason\":\"" + longText + "\"}"},
                new String[]{"DELETE", "/api/v1/providers/p-spare/suspension", null},
                new String[]{"POST", "/api/v1/accounts", account("a".repeat(64))},
                new String[]{"POST", "/api/v1/accounts/acc-h/registration-renewals",
                        "{\"termsVersion\":\"2026-01\",\"identityVerificationRef\":\"" + "i".repeat(200) + "\"}"},
                new String[]{"POST", "/api/v1/accounts/acc-h/suspension", "{\"reason\":\"" + longText + "\"}"},
                new String[]{"DELETE", "/api/v1/accounts/acc-h/suspension", null},
                new String[]{"POST", "/api/v1/accounts/acc-h/linkages",
                        "{\"providerId\":\"p-spare\",\"scopes\":[\"BALANCE\"],\"chainedRecipients\":[" + recipients + "]}"},
                new String[]{"PATCH", "/api/v1/linkages/" + linkage, "{\"chainedRecipients\":[" + recipients + "]}"},
                new String[]{"PATCH", "/api/v1/linkages/" + linkage, "{\"scopes\":[\"BALANCE\",\"TRANSACTIONS\"]}"},
                new String[]{"POST", "/api/v1/linkages/" + linkage + "/suspension", "{\"reason\":\"" + longText + "\"}"},
                new String[]{"DELETE", "/api/v1/linkages/" + linkage + "/suspension", null},
                new String[]{"POST", "/api/v1/breaches", "{\"kind\":\"DATA_LEAK\",\"detectedAt\":\"" + max
                        + "\",\"description\":\"" + "d".repeat(4000) + "\"}"},
                new String[]{"POST", "/api/v1/breaches", "{\"kind\":\"DATA_LEAK\",\"detectedAt\":\"" + min
                        + "\",\"description\":\"d\",\"affectedProviderIds\":[" + ids + "]}"},
                new String[]{"POST", "/api/v1/breaches/brc-nobody/disclosures", "{\"recipientProviderId\":\"p-h\","
                        + "\"informationItems\":[" + recipients + "],\"basisClause\":\"R4.6\"}"},
                new String[]{"POST", "/api/v1/breaches/brc-nobody/resolution", "{\"summary\":\"" + "s".repeat(4000) + "\"}"},
                new String[]{"POST", "/api/v1/service-suspensions", "{\"from\":\"" + min + "\",\"until\":\"" + max
                        + "\",\"providerId\":\"p-spare\",\"reason\":\"r\"}"},
                new String[]{"DELETE", "/api/v1/service-suspensions/sus-nobody", null},
                new String[]{"POST", "/api/v1/accounts/acc-h/closure", "{\"reason\":\"" + longText + "\"}"});
        Answer revocation = send("POST", cmd + "/api/v1/linkages/" + linkage + "/revocation-requests", provider,
                "{\"requestedAt\":\"" + java.time.Instant.now() + "\"}");
        assertThat(revocation.status()).as(revocation.toString()).isEqualTo(202);
        List<String> wrong = new ArrayList<>();
        for (String[] c : calls) {
            long before = events();
            Answer answer = send(c[0], cmd + c[1], OPERATOR, c[2]);
            long after = events();
            if (answer.status() >= 500 || answer.status() >= 400 && !answer.isProblem()
                    || answer.status() == 400 && after != before) {
                wrong.add(c[0] + " " + c[1] + " -> " + answer + " (events " + before + " -> " + after + ")");
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Finding 3: a duplicated key answered 500 on every command endpoint and the token check. */
    @Test
    void aDuplicatedKeyIsA400OnEveryEndpointThatTakesABody() {
        Map<String, String> bodies = Map.ofEntries(
                Map.entry(cmd + "/api/v1/providers", "{\"providerId\":\"d-1\",\"name\":\"x\",\"name\":\"y\"}"),
                Map.entry(cmd + "/api/v1/terms", "{\"version\":\"2028-01\",\"version\":\"2029-01\"}"),
                Map.entry(cmd + "/api/v1/accounts", "{\"accountId\":\"acc-d\",\"accountId\":\"acc-e\"}"),
                Map.entry(cmd + "/api/v1/accounts/acc-h/linkages", "{\"providerId\":\"p-h\",\"providerId\":\"p-spare\"}"),
                Map.entry(cmd + "/api/v1/accounts/acc-h/suspension", "{\"reason\":\"a\",\"reason\":\"b\"}"),
                Map.entry(cmd + "/api/v1/breaches", "{\"kind\":\"DATA_LEAK\",\"kind\":\"DATA_LEAK\"}"),
                Map.entry(cmd + "/api/v1/service-suspensions", "{\"reason\":\"a\",\"reason\":\"b\"}"),
                Map.entry(qry + "/api/v1/token-checks", "{\"token\":\"" + token + "\",\"scope\":\"BALANCE\",\"scope\":\"BALANCE\"}"),
                Map.entry(qry + "/api/v1/audit/token-checks", "{\"token\":\"x\",\"token\":\"y\"}"));
        long events = events();
        List<String> wrong = new ArrayList<>();
        bodies.forEach((url, body) -> {
            String[] who = url.contains("/audit/") ? DISPUTE : url.startsWith(qry) ? GATEWAY : OPERATOR;
            Answer answer = send("POST", url, who, body);
            if (answer.status() != 400 || !answer.isProblem() || !"DUPLICATE_FIELD".equals(answer.field("code"))) {
                wrong.add(url + " -> " + answer);
            }
        });
        Answer patch = send("PATCH", cmd + "/api/v1/linkages/" + linkage, OPERATOR, "{\"scopes\":[],\"scopes\":[\"BALANCE\"]}");
        if (patch.status() != 400 || !patch.isProblem()) {
            wrong.add("PATCH -> " + patch);
        }
        Answer revocation = send("POST", cmd + "/api/v1/linkages/" + linkage + "/revocation-requests", provider,
                "{\"requestedAt\":\"2026-01-01T00:00:00Z\",\"requestedAt\":\"2026-01-02T00:00:00Z\"}");
        if (revocation.status() != 400 || !revocation.isProblem()) {
            wrong.add("revocation request -> " + revocation);
        }
        assertThat(wrong).isEmpty();
        assertThat(events()).isEqualTo(events);
    }

    /** Finding 3: TRACE answered 400 with an empty body; every method the server refuses is a problem. */
    @Test
    void traceAndUnknownMethodsAnswerProblemJson() {
        List<String> wrong = new ArrayList<>();
        for (String base : List.of(cmd, qry)) {
            for (String path : List.of("/api/v1/providers", "/api/v1/token-checks", "/actuator/health", "/nowhere")) {
                for (String method : List.of("TRACE", "PROPFIND", "FOO", "PATCH")) {
                    Answer answer = send(method, base + path, OPERATOR, null);
                    if (answer.status() < 400 || answer.status() >= 500 || !answer.isProblem()) {
                        wrong.add(method + " " + base + path + " -> " + answer);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    // --- helpers

    private static void expectOutOfRange(List<String> wrong, String method, String url, String[] who, String body) {
        Answer answer = send(method, url, who, body);
        // Java's own calendar ends at years -999,999,999 and 999,999,999: beyond it the text is not even an instant.
        boolean unreadable = url.contains("1000000000") || body != null && body.contains("1000000000");
        String code = answer.isProblem() ? answer.field("code") : "";
        if (answer.status() != 400 || !(code.equals("INSTANT_OUT_OF_RANGE")
                || unreadable && (code.equals("MALFORMED_REQUEST") || code.equals("INVALID_REQUEST")))) {
            wrong.add(method + " " + url + " " + body + " -> " + answer);
        }
    }

    static String account(String accountId) {
        return "{\"accountId\":\"" + accountId + "\",\"customerId\":\"cus-" + UUID.randomUUID() + "\",\"customerType\":\"INDIVIDUAL\","
                + "\"accountType\":\"ORDINARY_DEPOSIT\",\"pinRegisteredCard\":true,\"termsVersion\":\"2026-01\","
                + "\"identityVerificationRef\":\"idv-1\",\"viaProviderId\":\"p-h\"}";
    }

    static long events() {
        return ledger.count("SELECT COUNT(*) FROM domain_event_entry");
    }

    static Answer tokenCheck() {
        return send("POST", qry + "/api/v1/token-checks", GATEWAY, "{\"token\":\"" + token + "\",\"scope\":\"BALANCE\"}");
    }

    static Answer send(String method, String url, String[] as, String json) {
        Http.Call call = call(method, url);
        if (as != null) {
            call.as(as[0], as[1]);
        }
        if (json != null) {
            call.json(json);
        }
        return call.send();
    }

    static Answer ok(Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        return answer;
    }
}
