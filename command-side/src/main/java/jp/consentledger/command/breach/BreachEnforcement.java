package jp.consentledger.command.breach;

import jp.consentledger.command.linkage.LinkageRoutes;
import jp.consentledger.kernel.breach.BreachReportedEvent;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.linkage.LinkageCommands.SuspendLinkage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * R4.6, T3.6: a breach reported with {@code suspendAffectedLinkages} suspends every affected linkage
 * (those listed, and every live one of the listed accounts and providers), each suspension naming
 * the breach. A tracking processor with a persistent token: a report is enforced once even across
 * restarts, and never again by a replay (which would undo an operator's later resumption).
 */
@Component
@ProcessingGroup(BreachEnforcement.PROCESSING_GROUP)
public class BreachEnforcement {
    public static final String PROCESSING_GROUP = "breach-enforcement";

    private final CommandGateway commands;
    private final LinkageRoutes routes;
    private final Clock clock;

    public BreachEnforcement(CommandGateway commands, LinkageRoutes routes, Clock clock) {
        this.commands = commands;
        this.routes = routes;
        this.clock = clock;
    }

    /**
     * The suspensions take effect when the bank records them, not back at the report: a token check
     * answered in between stays true to what the ledger knew. They commit with this processor's
     * token, so a failure retries the whole report; suspending is idempotent.
     */
    @EventHandler
    @DisallowReplay
    void on(BreachReportedEvent event) {
        if (!event.suspendAffectedLinkages()) {
            return;
        }
        Instant now = clock.instant();
        Map<LinkageId, AccountId> affected = new LinkedHashMap<>();
        event.affectedLinkageIds().stream().sorted(Comparator.comparing(LinkageId::value))
                .forEach(id -> routes.accountOf(id).ifPresent(account -> affected.put(id, account)));
        event.affectedAccountIds().stream().sorted(Comparator.comparing(AccountId::value))
                .flatMap(account -> routes.liveLinkagesOfAccount(account, now).stream())
                .forEach(route -> affected.putIfAbsent(route.linkageId(), route.accountId()));
        event.affectedProviderIds().stream().sorted(Comparator.comparing(p -> p.value()))
                .flatMap(provider -> routes.liveLinkagesOfProvider(provider, now).stream())
                .forEach(route -> affected.putIfAbsent(route.linkageId(), route.accountId()));
        String reason = "Breach " + event.breachId() + " (" + event.kind() + ") reported by " + event.reportedBy()
                + ": affected linkages suspended (R4.6).";
        affected.forEach((linkageId, accountId) ->
                commands.sendAndWait(new SuspendLinkage(accountId, linkageId, reason, event.breachId(), now)));
    }

    /** Failures are retried, never logged and skipped: a breach's suspensions must not be lost. */
    @Configuration(proxyBeanMethods = false)
    static class RetryOnFailure {
        @Bean
        ConfigurerModule breachEnforcementRetries() {
            return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                    PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
        }
    }
}
