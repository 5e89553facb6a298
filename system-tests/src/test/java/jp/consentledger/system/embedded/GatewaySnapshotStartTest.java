package jp.consentledger.system.embedded;

import jp.consentledger.system.embedded.LedgerDriver.Granted;
import jp.consentledger.system.embedded.LedgerHttp.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

import static jp.consentledger.system.embedded.LedgerDriver.body;
import static jp.consentledger.system.embedded.LedgerDriver.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway node started on a store with a token-validity snapshot loads it and reads only the events
 * after it, answering alike for events before and after the snapshot. To tell a load from a replay, the
 * events the snapshot reflects are then deleted from the store: a node that replayed the stream would
 * not know those tokens at all (UNKNOWN_TOKEN), a node that loaded the snapshot answers exactly.
 * Its own ledger: the test deletes events, which no other test could live with.
 */
class GatewaySnapshotStartTest {

    @Test
    void aGatewayNodeStartsFromTheSnapshotAndAnswersForEventsBeforeAndAfterIt() throws Exception {
        LedgerDriver ledger = new LedgerDriver();
        try {
            Granted stillValid = ledger.linked();
            Granted revokedBefore = ledger.linked();
            Granted revokedAfter = ledger.linked();
            expect(ledger.linkageCommand(revokedBefore.linkageId(), "revocations", body("reason", "customer asked the bank")), 200);
            long snapshotAt = ledger.ledger().lastEventPosition();

            // A second full node saves snapshots often; the first, at the default interval, none during this test.
            try (ConfigurableApplicationContext saver = ledger.ledger().startQuerySide("--ledger.token-validity.snapshot-interval=PT0.2S")) {
                LedgerDriver.eventually().until(() -> ledger.ledger().queryLong(
                        "SELECT COALESCE(MAX(event_position), -1) FROM read_model.qry_token_validity_snapshot") >= snapshotAt);
            }
            long snapshotPosition = ledger.ledger().queryLong("SELECT event_position FROM read_model.qry_token_validity_snapshot");

            Granted grantedAfter = ledger.linked();
            expect(ledger.linkageCommand(revokedAfter.linkageId(), "revocations", body("reason", "customer asked the bank")), 200);
            deleteEventsUpTo(ledger, snapshotPosition);

            try (ConfigurableApplicationContext gateway = ledger.ledger().startGatewayQuerySide()) {
                String checks = EmbeddedLedger.baseUrl(gateway) + "/api/v1/token-checks";
                Map<Granted, String> expected = Map.of(stillValid, "VALID", revokedBefore, "REVOKED",
                        revokedAfter, "REVOKED", grantedAfter, "VALID");
                long last = ledger.ledger().lastEventPosition();
                expected.forEach((granted, reason) -> {
                    Answer answer = LedgerDriver.eventually().until(() -> ledger.http().post(checks,
                                    body("token", granted.token(), "scope", "BALANCE", "minPosition", last)),
                            a -> a.status() == 200);
                    assertThat(answer.body().path("reason").asText()).as("%s", granted.linkageId()).isEqualTo(reason);
                    assertThat(answer.body().path("asOf").path("eventPosition").asLong()).isGreaterThanOrEqualTo(last);
                });
                Answer unknown = ledger.http().post(checks, body("token", "never-issued", "scope", "BALANCE"));
                assertThat(unknown.body().path("reason").asText()).isEqualTo("UNKNOWN_TOKEN");
            }
        } finally {
            ledger.close();
        }
    }

    private static void deleteEventsUpTo(LedgerDriver ledger, long position) throws Exception {
        try (var connection = ledger.ledger().connect(); var delete = connection.prepareStatement(
                "DELETE FROM domain_event_entry WHERE global_index <= ?")) {
            delete.setLong(1, position);
            assertThat(delete.executeUpdate()).isPositive();
        }
    }
}
