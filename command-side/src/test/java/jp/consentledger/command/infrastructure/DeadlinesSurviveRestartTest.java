package jp.consentledger.command.infrastructure;

import jp.consentledger.command.CommandSideApplication;
import jp.consentledger.kernel.provider.ProviderCredentialId;
import jp.consentledger.kernel.account.AccountCommands.RegisterAccount;
import jp.consentledger.kernel.account.AccountType;
import jp.consentledger.kernel.account.CustomerType;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.linkage.LinkageCommands.GrantLinkage;
import jp.consentledger.kernel.linkage.LinkageExpiredEvent;
import jp.consentledger.kernel.provider.ProviderCommands.RegisterProvider;
import jp.consentledger.kernel.terms.PublishTermsVersion;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 3 "expiry recorded": a linkage granted before a restart still gets its expiry recorded after
 * it, at its own expiresAt. The first process never polls again after its start, so the deadline can
 * only be fired by the second one, from the row the first one wrote.
 */
class DeadlinesSurviveRestartTest {

    private static ConfigurableApplicationContext start(Path dataDir, String pollingInterval) {
        return new SpringApplicationBuilder(CommandSideApplication.class).run("--ledger.data-dir=" + dataDir,
                "--server.port=0", "--ledger.deadlines.polling-interval=" + pollingInterval);
    }

    @Test
    void R4_2_theExpiryOfALinkageGrantedBeforeARestartIsRecordedAfterIt(@TempDir Path dataDir) {
        AccountId account = new AccountId("acc-restart");
        LinkageId linkage = new LinkageId("lnk-restart");
        Instant expiresAt;
        try (ConfigurableApplicationContext first = start(dataDir, "PT1H")) {
            CommandGateway commands = first.getBean(CommandGateway.class);
            Instant now = first.getBean(Clock.class).instant();
            ProviderId provider = new ProviderId("prov-restart");
            commands.sendAndWait(new RegisterProvider(provider, "Restart", new ProviderCredentialId("cred-1"), now));
            commands.sendAndWait(new PublishTermsVersion(new TermsVersionId("t-restart"), now.minusSeconds(60), "f".repeat(64), now));
            commands.sendAndWait(new RegisterAccount(account, new CustomerId("cust-restart"), CustomerType.INDIVIDUAL,
                    AccountType.ORDINARY_DEPOSIT, true, new TermsVersionId("t-restart"), "ekyc", provider, now,
                    now.plus(Duration.ofDays(365))));
            expiresAt = now.plusSeconds(1);
            commands.sendAndWait(new GrantLinkage(account, linkage, provider, Set.of(Scope.BALANCE), List.of(),
                    new TokenHash("1a".repeat(32)), now, expiresAt));
        }
        try (ConfigurableApplicationContext second = start(dataDir, "PT0.1S")) {
            EventStore events = second.getBean(EventStore.class);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(events.readEvents(account.aggregateIdentifier()).asStream()
                    .map(message -> message.getPayload()).filter(LinkageExpiredEvent.class::isInstance).toList())
                    .singleElement().isEqualTo(new LinkageExpiredEvent(linkage, account, new ProviderId("prov-restart"), expiresAt)));
        }
    }
}
