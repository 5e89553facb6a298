package jp.consentledger.system.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.system.embedded.LedgerDriver.Granted;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static jp.consentledger.system.embedded.LedgerDriver.body;
import static jp.consentledger.system.embedded.LedgerDriver.expect;
import static jp.consentledger.system.embedded.LedgerDriver.instant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 item 5 (R4.1, R4.2) over HTTP: a re-grant seconds after a linkage's end, and a renewal seconds after
 * the registration's end (well within the deadline polling interval), leave the end in the account's history,
 * at the period's own end and before what followed it; the expiry deadline firing afterwards adds no second one.
 */
@ExtendWith(SharedLedger.class)
class FactsWhateverTheTimingHttpTest {
    private static LedgerDriver ledger;
    private static LedgerHttp http;

    @BeforeAll
    static void connect(LedgerDriver shared) {
        ledger = shared;
        http = shared.http();
    }

    @Test
    void R4_1_R4_2_aReGrantAndARenewalRightAfterTheEndsRecordTheEndsFirst() {
        String provider = ledger.provider();
        String account = LedgerDriver.newId("acct");
        Instant registrationEnd = instant(expect(ledger.registerAccount(ledger.accountBody(account, provider)), 201)
                .body().path("registrationExpiresAt"));
        Granted first = ledger.grant(account, provider, "BALANCE");

        ledger.clock().set(first.expiresAt().plusSeconds(2));
        Granted second = ledger.grant(account, provider, "BALANCE");
        awaitDueDeadlinesRun(first.expiresAt());

        ledger.clock().set(registrationEnd.plusSeconds(2));
        expect(http.post(ledger.cmd("/api/v1/accounts/" + account + "/registration-renewals"),
                body("termsVersion", ledger.termsInForce(), "identityVerificationRef", "ekyc-renewed-" + account)), 200);

        List<String> history = new ArrayList<>();
        JsonNode events = LedgerDriver.eventually().until(() -> http.get(ledger.qry("/api/v1/audit/accounts/" + account + "/history")),
                answer -> answer.status() == 200 && answer.body().toString().contains("RegistrationRenewedEvent")).body().path("items");
        for (JsonNode event : events) {
            if (!event.path("aggregateId").asText().equals(new AccountId(account).aggregateIdentifier())) {
                continue; // the terms and the provider the account's history rests on
            }
            String type = event.path("type").asText();
            type = type.substring(type.lastIndexOf('.') + 1);
            JsonNode payload = event.path("payload");
            if (type.equals("LinkageExpiredEvent") && payload.path("linkageId").asText().equals(second.linkageId())) {
                continue; // the second linkage's own end, due by the wall clock whenever its deadline runs
            }
            if (type.equals("LinkageExpiredEvent")) {
                assertThat(payload.path("linkageId").asText()).isEqualTo(first.linkageId());
                assertThat(instant(event.path("occurredAt"))).as("the linkage's own end").isEqualTo(first.expiresAt());
            } else if (type.equals("RegistrationLapsedEvent")) {
                assertThat(instant(event.path("occurredAt"))).as("the registration's own end").isEqualTo(registrationEnd);
            }
            if (type.equals("LinkageGrantedEvent")) {
                type += " " + payload.path("linkageId").asText();
            }
            history.add(type);
        }
        assertThat(history).containsExactly("AccountRegisteredEvent", "LinkageGrantedEvent " + first.linkageId(),
                "LinkageExpiredEvent", "LinkageGrantedEvent " + second.linkageId(), "RegistrationLapsedEvent",
                "RegistrationRenewedEvent");
    }

    /** The expiry deadline is due at once by the wall clock (db-scheduler's): wait until it has run. */
    private static void awaitDueDeadlinesRun(Instant executionTime) {
        LedgerDriver.eventually().atMost(Duration.ofSeconds(60)).until(() -> ledger.ledger().queryLong(
                "SELECT COUNT(*) FROM cmd_scheduled_tasks WHERE execution_time = ?", executionTime.atOffset(ZoneOffset.UTC)) == 0);
    }
}
