package jp.consentledger.system.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.system.embedded.LedgerDriver.Granted;
import jp.consentledger.system.embedded.LedgerHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static jp.consentledger.system.embedded.LedgerDriver.body;
import static jp.consentledger.system.embedded.LedgerDriver.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 7662 token introspection, proven against a client no one here wrote: a Spring Security resource
 * server with {@code opaquetoken} introspection pointed at the ledger, authenticating as the gateway
 * (client_secret_basic). A valid token reaches its resource; expired, revoked, suspended and unknown
 * tokens are 401; a token without the scope is 403. And the ledger's own members, the bare inactive
 * answer, and the service suspension window answered 503 with Retry-After rather than "inactive".
 */
@ExtendWith(SharedLedger.class)
class TokenIntrospectionTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext bankApi;

    @BeforeAll
    static void startTheBanksResourceServer(LedgerDriver ledger) {
        bankApi = SpringResourceServer.start(ledger.qry("/api/v1/token-introspection"), "gateway", "gateway");
    }

    @AfterAll
    static void stop() {
        bankApi.close();
    }

    @Test
    void aValidTokenReachesTheResourceWithItsProviderAsTheClient(LedgerDriver ledger) {
        Granted granted = ledger.linked();
        ledger.awaitQuerySideCaughtUp();
        HttpResponse<String> balance = balance(granted.token());
        assertThat(balance.statusCode()).as(balance.body()).isEqualTo(200);
        assertThat(balance.body()).contains(granted.linkageId());
    }

    @Test
    void aTokenWithoutTheScopeIsForbidden(LedgerDriver ledger) {
        String provider = ledger.provider();
        Granted transactionsOnly = ledger.grant(ledger.account(provider), provider, "TRANSACTIONS");
        ledger.awaitQuerySideCaughtUp();
        assertThat(balance(transactionsOnly.token()).statusCode()).isEqualTo(403);
    }

    @Test
    void revokedSuspendedAndUnknownTokensAreUnauthorized(LedgerDriver ledger) {
        Granted revoked = ledger.linked();
        Granted suspended = ledger.linked();
        ledger.awaitQuerySideCaughtUp();
        assertThat(balance(revoked.token()).statusCode()).isEqualTo(200);
        assertThat(balance(suspended.token()).statusCode()).isEqualTo(200);

        expect(ledger.linkageCommand(revoked.linkageId(), "revocations", body("reason", "customer asked the bank")), 200);
        expect(ledger.linkageCommand(suspended.linkageId(), "suspension", body("reason", "fraud suspected")), 200);
        ledger.awaitQuerySideCaughtUp();
        assertThat(balance(revoked.token()).statusCode()).isEqualTo(401);
        assertThat(balance(suspended.token()).statusCode()).isEqualTo(401);
        assertThat(balance("never-issued-" + revoked.token()).statusCode()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsUnauthorizedFromItsExpiryOn(LedgerDriver ledger) {
        Granted granted = ledger.linked();
        ledger.awaitQuerySideCaughtUp();
        ledger.clock().set(granted.expiresAt().minusMillis(1));
        assertThat(balance(granted.token()).statusCode()).isEqualTo(200);
        ledger.clock().set(granted.expiresAt());
        assertThat(balance(granted.token()).statusCode()).isEqualTo(401);
    }

    @Test
    void anActiveTokenAnswersRfc7662sMembersAndTheLedgersOwn(LedgerDriver ledger) {
        String provider = ledger.provider();
        Granted granted = ledger.grant(ledger.account(provider), provider, "BALANCE", "TRANSACTIONS");
        ledger.awaitQuerySideCaughtUp();
        Answer answer = introspect(ledger, granted.token());
        expect(answer, 200);
        JsonNode body = answer.body();
        assertThat(body.path("active").asBoolean()).isTrue();
        assertThat(body.path("scope").asText()).isEqualTo("BALANCE TRANSACTIONS");
        assertThat(body.path("client_id").asText()).isEqualTo(provider);
        assertThat(body.path("exp").asLong()).isEqualTo(granted.expiresAt().getEpochSecond());
        assertThat(body.path("iat").asLong()).isLessThanOrEqualTo(ledger.now().getEpochSecond());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("reason").asText()).isEqualTo("VALID");
        assertThat(body.path("linkage_id").asText()).isEqualTo(granted.linkageId());
        assertThat(body.path("account_id").asText()).isNotBlank();
        assertThat(body.path("as_of").path("event_position").asLong()).isPositive();
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void anInactiveTokenAnswersActiveFalseAndNothingElse(LedgerDriver ledger) {
        Granted granted = ledger.linked();
        expect(ledger.linkageCommand(granted.linkageId(), "revocations", body("reason", "customer asked the bank")), 200);
        ledger.awaitQuerySideCaughtUp();
        assertThat(expect(introspect(ledger, granted.token()), 200).text()).isEqualTo("{\"active\":false}");
        assertThat(expect(introspect(ledger, "no-such-token"), 200).text()).isEqualTo("{\"active\":false}");
    }

    @Test
    void onlyTheGatewayMayIntrospect(LedgerDriver ledger) {
        Answer operator = ledger.http().postForm(ledger.qry("/api/v1/token-introspection"), "operator", "operator",
                Map.of("token", "anything"));
        assertThat(operator.status()).isEqualTo(403);
        Answer wrongSecret = ledger.http().postForm(ledger.qry("/api/v1/token-introspection"), "gateway", "not-the-secret",
                Map.of("token", "anything"));
        assertThat(wrongSecret.status()).isEqualTo(401);
        Answer noToken = ledger.http().postForm(ledger.qry("/api/v1/token-introspection"), "gateway", "gateway", Map.of());
        assertThat(noToken.status()).isEqualTo(400);
        assertThat(noToken.isProblem()).isTrue();
    }

    @Test
    void insideAServiceSuspensionWindowTheAnswerIsUnavailableUntilItsEndNotInvalid(LedgerDriver ledger) {
        String provider = ledger.provider();
        Granted granted = ledger.grant(ledger.account(provider), provider, "BALANCE", "TRANSACTIONS");
        Instant until = ledger.now().plus(Duration.ofMinutes(30));
        Answer declared = expect(ledger.http().post(ledger.cmd("/api/v1/service-suspensions"),
                body("until", until.toString(), "providerId", provider, "reason", "maintenance")), 201);
        ledger.awaitQuerySideCaughtUp();
        try {
            Answer introspection = introspect(ledger, granted.token());
            assertThat(introspection.status()).as("%s", introspection).isEqualTo(503);
            assertThat(introspection.isProblem()).isTrue();
            assertThat(introspection.code()).isEqualTo("SERVICE_SUSPENDED");
            assertThat(introspection.header("Retry-After")).isEqualTo("1800");
            assertThat(LedgerDriver.instant(introspection.body().path("until"))).isEqualTo(until);

            JsonNode check = ledger.check(granted.token(), "BALANCE").body();
            assertThat(check.path("valid").asBoolean()).isFalse();
            assertThat(check.path("available").asBoolean()).isFalse();
            assertThat(check.path("retryAfter").asLong()).isEqualTo(1800);
            assertThat(LedgerDriver.instant(check.path("until"))).isEqualTo(until);
        } finally {
            expect(ledger.http().delete(ledger.cmd("/api/v1/service-suspensions/" + declared.body().path("suspensionId").asText())), 200);
        }
        ledger.awaitQuerySideCaughtUp();
        assertThat(ledger.check(granted.token(), "BALANCE").body().path("available").asBoolean()).isTrue();
        assertThat(introspect(ledger, granted.token()).body().path("active").asBoolean()).isTrue();
    }

    private static Answer introspect(LedgerDriver ledger, String token) {
        return ledger.http().postForm(ledger.qry("/api/v1/token-introspection"), "gateway", "gateway", Map.of("token", token));
    }

    private static HttpResponse<String> balance(String token) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(EmbeddedLedger.baseUrl(bankApi) + "/balance"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
