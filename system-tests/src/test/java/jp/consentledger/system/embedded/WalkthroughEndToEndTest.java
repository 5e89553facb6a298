package jp.consentledger.system.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.consentledger.system.embedded.LedgerDriver.Granted;
import jp.consentledger.system.embedded.LedgerHttp.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static jp.consentledger.system.embedded.LedgerDriver.body;
import static jp.consentledger.system.embedded.LedgerDriver.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 2's end-to-end test: the README walkthrough over HTTP against both sides on one store,
 * then the query side restarted on the same store must give the same answers (token validity is
 * replayed from the event stream; the linkage directory continues from its persisted tokens).
 */
@ExtendWith(SharedLedger.class)
class WalkthroughEndToEndTest {
    private static LedgerDriver ledger;

    @BeforeAll
    static void connect(LedgerDriver shared) {
        ledger = shared;
    }

    @Test
    void theReadmeWalkthroughGivesItsAnswersAndTheSameAfterTheQuerySideRestarts() {
        LedgerHttp http = ledger.http();

        // Publish the terms in force, then register a provider and an account through it.
        Answer terms = ledger.publishTerms("2026-04", ledger.now());
        assertThat(terms.body().path("version").asText()).isEqualTo("2026-04");
        Answer provider = expect(http.post(ledger.cmd("/api/v1/providers"),
                body("providerId", "kakeibo-app", "name", "Kakeibo App K.K.")), 201);
        assertThat(provider.body().path("providerId").asText()).isEqualTo("kakeibo-app");
        assertThat(provider.body().path("secret").asText()).hasSizeGreaterThanOrEqualTo(43);

        Answer account = expect(ledger.registerAccount(ledger.accountBody("0012345", "kakeibo-app")), 201);
        assertThat(LedgerDriver.instant(account.body().path("registrationExpiresAt")))
                .isEqualTo(ledger.now().plus(Duration.ofDays(365)));

        // Grant: the plain token comes back once.
        Granted granted = ledger.grant("0012345", "kakeibo-app", List.of("BALANCE", "TRANSACTIONS"), List.of());
        assertThat(granted.token()).matches("[A-Za-z0-9_-]{43,}");
        assertThat(granted.expiresAt()).isEqualTo(ledger.now().plus(Duration.ofDays(90)));

        JsonNode valid = ledger.check(granted.token(), "BALANCE").body();
        assertThat(valid.path("valid").asBoolean()).isTrue();
        assertThat(valid.path("reason").asText()).isEqualTo("VALID");
        assertThat(valid.path("linkageId").asText()).isEqualTo(granted.linkageId());

        // The customer asks the provider to stop: a request only, the token stays valid (R5.1).
        ledger.clock().advance(Duration.ofMinutes(10));
        Answer requested = expect(ledger.linkageCommand(granted.linkageId(), "revocation-requests",
                body("requestedAt", ledger.now().minus(Duration.ofMinutes(2)).toString())), 202);
        assertThat(requested.body().path("status").asText()).isEqualTo("REVOCATION_REQUESTED");
        assertThat(ledger.check(granted.token(), "BALANCE").body().path("reason").asText()).isEqualTo("VALID");
        ledger.linkage(granted.linkageId(), l -> l.path("status").asText().equals("REVOCATION_REQUESTED"));

        // The bank confirms: from now on the token is revoked.
        ledger.clock().advance(Duration.ofMinutes(5));
        Answer confirmed = expect(ledger.linkageCommand(granted.linkageId(), "revocation-confirmations", null), 200);
        assertThat(confirmed.body().path("status").asText()).isEqualTo("REVOKED");
        JsonNode revoked = ledger.check(granted.token(), "BALANCE").body();
        assertThat(revoked.path("valid").asBoolean()).isFalse();
        assertThat(revoked.path("reason").asText()).isEqualTo("REVOKED");
        JsonNode linkageBefore = ledger.linkage(granted.linkageId(), l -> l.path("status").asText().equals("REVOKED"));
        long directoryTokens = ledger.ledger().queryLong(
                "SELECT COUNT(*) FROM read_model.qry_token_entry WHERE processor_name = 'linkage-directory' AND token IS NOT NULL");
        assertThat(directoryTokens).as("the linkage directory persists its position").isPositive();

        ledger.ledger().restartQuerySide();

        // Until the replay has caught up the query side says so (503), never a false UNKNOWN_TOKEN.
        JsonNode revokedAfter = LedgerDriver.eventually()
                .until(() -> http.post(ledger.qry("/api/v1/token-checks"), body("token", granted.token(), "scope", "BALANCE")),
                        answer -> answer.status() == 200).body();
        assertThat(withoutAsOf(revokedAfter)).isEqualTo(withoutAsOf(revoked));
        // The token model names the ledger's position, which other tests' deadlines on this shared ledger may move on.
        assertThat(revokedAfter.path("asOf").path("eventPosition").asLong())
                .isGreaterThanOrEqualTo(revoked.path("asOf").path("eventPosition").asLong());
        JsonNode linkageAfter = ledger.linkage(granted.linkageId(), l -> true);
        assertThat(withoutAsOfTime(linkageAfter)).as("a linkage names its own last event").isEqualTo(withoutAsOfTime(linkageBefore));
        assertThat(ledger.ledger().queryLong("SELECT COUNT(*) FROM read_model.rm_linkage WHERE linkage_id = ?",
                granted.linkageId())).isEqualTo(1);

        // Both processors go on from where they are: a new grant shows in each (a directory replaying
        // from the start would trip over its own rows instead).
        Granted again = ledger.grant("0012345", "kakeibo-app", List.of("BALANCE"), List.of());
        assertThat(ledger.check(again.token(), "BALANCE").body().path("reason").asText()).isEqualTo("VALID");
        assertThat(ledger.linkage(again.linkageId(), l -> true).path("status").asText()).isEqualTo("ACTIVE");
    }

    private static JsonNode withoutAsOf(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove("asOf");
        return copy;
    }

    /** The answer's instant is "now" at the query, which is not part of the answer's content. */
    private static JsonNode withoutAsOfTime(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        ((ObjectNode) copy.path("asOf")).remove("at");
        return copy;
    }
}
