package jp.consentledger.system.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.system.embedded.LedgerHttp.Answer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives a running {@link EmbeddedLedger} the way the README walkthrough does, with the steps every
 * test repeats (publish terms, register a provider and an account, grant, check). Each call that
 * must succeed asserts its status and says the ledger's answer when it does not.
 */
final class LedgerDriver implements ExtensionContext.Store.CloseableResource {
    static final Instant START = Instant.parse("2026-03-01T01:00:00Z");
    static final String FIRST_TERMS = "v2026.1";
    /**
     * How long the query side may take to see an event. A wait, not a threshold: it ends as soon as the event is
     * seen. Generous because test classes share one ledger and run in the clone's file order, so a class may start
     * right after ReadYourWritesTest's burst (some 10,000 grants in 40 s). The CI failures of 2026-12-04 at 20 s,
     * and one at 90 s, were not lag but a segment never claimed again under the tests' still clock
     * (ProcessingOnWallTimeTest).
     */
    static final Duration PROJECTION_WAIT = Duration.ofSeconds(90);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final Path dataDir;
    private final EmbeddedLedger ledger;
    private final LedgerHttp http = new LedgerHttp();
    private volatile String termsInForce;

    record Granted(String linkageId, String token, Instant expiresAt, Answer answer) {
    }

    LedgerDriver() {
        try {
            dataDir = Files.createTempDirectory("consent-ledger-system-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ledger = new EmbeddedLedger(dataDir, new MutableClock(START));
        publishTerms(FIRST_TERMS, START.minus(Duration.ofDays(60)));
    }

    EmbeddedLedger ledger() {
        return ledger;
    }

    LedgerHttp http() {
        return http;
    }

    MutableClock clock() {
        return ledger.clock();
    }

    Instant now() {
        return ledger.clock().instant();
    }

    String cmd(String path) {
        return ledger.commandUrl() + path;
    }

    String qry(String path) {
        return ledger.queryUrl() + path;
    }

    static String newId(String prefix) {
        return prefix + "-" + IDS.incrementAndGet();
    }

    /** Awaitility for the query side: asks at once and then often, since a projection lags by milliseconds. */
    static ConditionFactory eventually() {
        return await().atMost(PROJECTION_WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }

    static Instant instant(JsonNode node) {
        return OffsetDateTime.parse(node.asText()).toInstant();
    }

    static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    // ---- commands ---------------------------------------------------------------------------------

    Answer publishTerms(String version, Instant effectiveFrom) {
        Answer answer = http.post(cmd("/api/v1/terms"), body("version", version, "effectiveFrom", effectiveFrom.toString(),
                "documentSha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
        expect(answer, 201);
        if (!effectiveFrom.isAfter(now())) {
            termsInForce = version;
        }
        return answer;
    }

    void termsNowInForce(String version) {
        termsInForce = version;
    }

    String termsInForce() {
        return termsInForce;
    }

    String provider() {
        String id = newId("prov");
        expect(http.post(cmd("/api/v1/providers"), body("providerId", id, "name", "Kakeibo " + id)), 201);
        return id;
    }

    Map<String, Object> accountBody(String accountId, String viaProviderId) {
        return body("accountId", accountId, "customerId", "cust-" + accountId, "customerType", "INDIVIDUAL",
                "accountType", "ORDINARY_DEPOSIT", "pinRegisteredCard", true, "termsVersion", termsInForce,
                "identityVerificationRef", "ekyc-" + accountId, "viaProviderId", viaProviderId);
    }

    Answer registerAccount(Map<String, Object> body) {
        return http.post(cmd("/api/v1/accounts"), body);
    }

    String account(String viaProviderId) {
        String id = newId("acct");
        expect(registerAccount(accountBody(id, viaProviderId)), 201);
        return id;
    }

    Answer grantAnswer(String accountId, String providerId, List<String> scopes, List<String> recipients) {
        return http.post(cmd("/api/v1/accounts/" + accountId + "/linkages"),
                body("providerId", providerId, "scopes", scopes, "chainedRecipients", recipients));
    }

    Granted grant(String accountId, String providerId, String... scopes) {
        return grant(accountId, providerId, List.of(scopes), List.of());
    }

    Granted grant(String accountId, String providerId, List<String> scopes, List<String> recipients) {
        Answer answer = expect(grantAnswer(accountId, providerId, scopes, recipients), 201);
        return new Granted(answer.body().path("linkageId").asText(), answer.body().path("token").asText(),
                instant(answer.body().path("tokenExpiresAt")), answer);
    }

    /** A provider, an account registered through it, and a linkage for both scopes. */
    Granted linked() {
        String provider = provider();
        return grant(account(provider), provider, "BALANCE", "TRANSACTIONS");
    }

    Answer linkageCommand(String linkageId, String action, Object body) {
        return http.post(cmd("/api/v1/linkages/" + linkageId + "/" + action), body);
    }

    // ---- reads ------------------------------------------------------------------------------------

    /** The token check as the gateway asks it, once the query side has read every event appended so far. */
    Answer check(String token, String scope) {
        awaitQuerySideCaughtUp();
        return expect(http.post(qry("/api/v1/token-checks"), body("token", token, "scope", scope)), 200);
    }

    String reason(String token, String scope) {
        return check(token, scope).body().path("reason").asText();
    }

    /** Waits until the token-validity model reflects the last event in the store (its asOf position). */
    void awaitQuerySideCaughtUp() {
        long last = ledger.lastEventPosition();
        eventually().until(() -> {
            Answer answer = http.post(qry("/api/v1/token-checks"), body("token", "no-such-token", "scope", "BALANCE"));
            return answer.status() == 200 && answer.body().path("asOf").path("eventPosition").asLong(-1) >= last;
        });
    }

    /** The linkage directory's answer, once it satisfies {@code until} (the directory is eventually consistent). */
    JsonNode linkage(String linkageId, Predicate<JsonNode> until) {
        String url = qry("/api/v1/linkages/" + linkageId);
        return eventually().until(() -> http.get(url),
                answer -> answer.status() == 200 && until.test(answer.body())).body();
    }

    static Answer expect(Answer answer, int status) {
        assertThat(answer.status()).as("the ledger answered %s", answer).isEqualTo(status);
        return answer;
    }

    @Override
    public void close() throws IOException {
        ledger.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
