package jp.consentledger.verifier;

import jp.consentledger.kernel.audit.EventSubjects;
import jp.consentledger.kernel.json.LedgerJson;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.validity.StateAt;
import jp.consentledger.validity.ValidityReason;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verifier ships the ledger's validity rule without Axon (its jar excludes it): the kernel's events read from
 * their stored JSON and the rule judges them on this module's own classpath, where Axon is absent.
 */
class VerifierWithoutAxonTest {
    @Test
    void theKernelsEventsAndValidityRuleRunWithoutAxon() throws Exception {
        assertThatThrownBy(() -> Class.forName("org.axonframework.serialization.Revision")).isInstanceOf(ClassNotFoundException.class);
        String stored = "{\"linkageId\":\"lnk-1\",\"accountId\":\"acc-1\",\"customerId\":\"cus-1\",\"providerId\":\"prov-1\","
                + "\"scopes\":[\"BALANCE\"],\"chainedRecipients\":[],\"tokenHash\":\"" + "ab".repeat(32) + "\","
                + "\"termsVersion\":\"v1\",\"grantedAt\":\"2026-04-01T01:00:00Z\",\"expiresAt\":\"2026-06-30T01:00:00Z\"}";
        LinkageGrantedEvent grant = LedgerJson.objectMapper().readValue(stored, LinkageGrantedEvent.class);

        assertThat(EventSubjects.of(grant)).containsExactly("linkage:lnk-1", "account:acc-1");
        var folded = StateAt.fold(List.<Object>of(grant), e -> e, Instant.parse("2026-04-01T02:00:00Z"));
        assertThat(StateAt.reasons(folded.facts(), grant.tokenHash(), Instant.parse("2026-04-01T02:00:00Z")))
                .as("no account registration in this fold").containsEntry(Scope.BALANCE, ValidityReason.ACCOUNT_CLOSED);
    }

    @Test
    void theCommandLineAnswersUnreadableInputWithExitStatus2AndNoStackTrace() throws Exception {
        Path file = Files.createTempFile("bundle", ".json");
        Files.writeString(file, "{\"format\":\"consent-ledger/evidence/v1\"}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EvidenceVerifier.run(new String[] {file.toString(), "MCowBQYDK2VwAyEAf8mHB+/qDFGZU3fz/G9k7Oc1seIu0GYNQ09safTBV1c="},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("UNREADABLE: the bundle's format is consent-ledger/evidence/v1")
                .doesNotContain("Exception");
        assertThat(EvidenceVerifier.run(new String[] {file.toString()}, System.out, new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
    }
}
