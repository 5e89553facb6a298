package jp.consentledger.system.embedded;

import jp.consentledger.system.embedded.LedgerDriver.Granted;
import jp.consentledger.system.embedded.LedgerHttp.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static jp.consentledger.system.embedded.LedgerDriver.body;
import static jp.consentledger.system.embedded.LedgerDriver.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read your own writes: every successful command answers its event position ({@code Ledger-Position});
 * a check that passes it as {@code minPosition} (JSON) or {@code min_position} (introspection) is
 * answered from a model that has read that event, asked at once, without waiting on our side: never
 * the verdict from before the command. A position the node cannot reach in time is a 503, not a guess.
 */
@ExtendWith(SharedLedger.class)
class ReadYourWritesTest {
    private static final int ROUNDS = 60;

    @Test
    void aCheckGivenTheCommandsPositionNeverAnswersFromBeforeIt(LedgerDriver ledger) {
        int stale = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Granted granted = ledger.linked();
            long grantedAt = position(granted.answer());
            if (!checkAt(ledger, granted.token(), grantedAt).equals("VALID")
                    || !introspectAt(ledger, granted.token(), grantedAt).equals("{\"active\":true}")) {
                stale++;
            }
            Answer revoked = expect(ledger.linkageCommand(granted.linkageId(), "revocations", body("reason", "customer asked the bank")), 200);
            long revokedAt = position(revoked);
            assertThat(revokedAt).isGreaterThan(grantedAt);
            if (!checkAt(ledger, granted.token(), revokedAt).equals("REVOKED")
                    || !introspectAt(ledger, granted.token(), revokedAt).equals("{\"active\":false}")) {
                stale++;
            }
        }
        assertThat(stale).as("stale answers out of %d", ROUNDS * 4).isZero();
    }

    @Test
    void aPositionTheNodeCannotReachInTimeIsRefusedNotGuessed(LedgerDriver ledger) {
        Granted granted = ledger.linked();
        long beyond = position(granted.answer()) + 1_000_000;
        Answer check = ledger.http().post(ledger.qry("/api/v1/token-checks"),
                body("token", granted.token(), "scope", "BALANCE", "minPosition", beyond));
        assertThat(check.status()).as("%s", check).isEqualTo(503);
        assertThat(check.code()).isEqualTo("LEDGER_CATCHING_UP");
        assertThat(check.header("Retry-After")).isNotNull();
        Answer introspection = ledger.http().postForm(ledger.qry("/api/v1/token-introspection"), "gateway", "gateway",
                Map.of("token", granted.token(), "min_position", Long.toString(beyond)));
        assertThat(introspection.status()).isEqualTo(503);
        assertThat(introspection.code()).isEqualTo("LEDGER_CATCHING_UP");
    }

    @Test
    void aRefusedCommandAnswersNoPosition(LedgerDriver ledger) {
        Answer refused = ledger.grantAnswer("no-such-account", ledger.provider(), List.of("BALANCE"), List.of());
        assertThat(refused.status()).isBetween(400, 499);
        assertThat(refused.header("Ledger-Position")).isNull();
    }

    private static long position(Answer answer) {
        String header = answer.header("Ledger-Position");
        assertThat(header).as("Ledger-Position of %s", answer).isNotNull();
        return Long.parseLong(header);
    }

    /** Asked once, at once: the ledger is the one that waits. */
    private static String checkAt(LedgerDriver ledger, String token, long minPosition) {
        Answer answer = expect(ledger.http().post(ledger.qry("/api/v1/token-checks"),
                body("token", token, "scope", "BALANCE", "minPosition", minPosition)), 200);
        return answer.body().path("reason").asText();
    }

    /** Only the verdict's gist: active or not (the rest of an active answer changes with every grant). */
    private static String introspectAt(LedgerDriver ledger, String token, long minPosition) {
        Answer answer = expect(ledger.http().postForm(ledger.qry("/api/v1/token-introspection"), "gateway", "gateway",
                Map.of("token", token, "min_position", Long.toString(minPosition))), 200);
        return "{\"active\":" + answer.body().path("active").asBoolean() + "}";
    }
}
