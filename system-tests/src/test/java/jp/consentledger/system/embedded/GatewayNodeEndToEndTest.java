package jp.consentledger.system.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.system.embedded.LedgerDriver.Granted;
import jp.consentledger.system.embedded.LedgerHttp.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;

import static jp.consentledger.system.embedded.LedgerDriver.body;
import static jp.consentledger.system.embedded.LedgerDriver.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query node in the gateway role beside the full one, on the same store (as a bank would add nodes
 * for the API gateway to a database its full nodes already use): it enforces a revocation confirmed
 * through the command side, sends linkage reads to a full node, and stays out of the full nodes'
 * sharing of the linkage directory's segments. (query-side's GatewayNodeTest proves, on a store of its
 * own, that such a node writes no read-model row.)
 */
@ExtendWith(SharedLedger.class)
class GatewayNodeEndToEndTest {

    @Test
    void aGatewayNodeBesideTheFullOneEnforcesARevocationConfirmedThroughTheCommandSide(LedgerDriver ledger) {
        LedgerHttp http = ledger.http();
        Granted granted = ledger.linked();
        try (ConfigurableApplicationContext gateway = ledger.ledger().startGatewayQuerySide()) {
            String checks = EmbeddedLedger.baseUrl(gateway) + "/api/v1/token-checks";
            JsonNode valid = LedgerDriver.eventually().until(() -> http.post(checks, body("token", granted.token(), "scope", "BALANCE")),
                    answer -> answer.status() == 200 && answer.body().path("reason").asText().equals("VALID")).body();
            assertThat(valid.path("linkageId").asText()).isEqualTo(granted.linkageId());

            ledger.clock().advance(Duration.ofMinutes(1));
            expect(ledger.linkageCommand(granted.linkageId(), "revocation-requests",
                    body("requestedAt", ledger.now().toString())), 202);
            expect(ledger.linkageCommand(granted.linkageId(), "revocation-confirmations", null), 200);
            LedgerDriver.eventually().until(() -> http.post(checks, body("token", granted.token(), "scope", "BALANCE")),
                    answer -> answer.status() == 200 && answer.body().path("reason").asText().equals("REVOKED"));

            Answer linkage = http.get(EmbeddedLedger.baseUrl(gateway) + "/api/v1/linkages/" + granted.linkageId());
            assertThat(linkage.status()).as("%s", linkage).isEqualTo(421);
            assertThat(linkage.isProblem()).isTrue();
            assertThat(linkage.code()).isEqualTo("NOT_SERVED_BY_GATEWAY_NODE");
            // The full node answers the same read.
            assertThat(ledger.linkage(granted.linkageId(), l -> l.path("status").asText().equals("REVOKED"))
                    .path("linkageId").asText()).isEqualTo(granted.linkageId());
            // Only the full node counts among the nodes that share the directory's segments.
            assertThat(ledger.ledger().queryLong("SELECT COUNT(*) FROM read_model.qry_node")).isEqualTo(1);
        }
    }
}
