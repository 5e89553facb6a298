package jp.consentledger.command.breach;

import jp.consentledger.command.linkage.LinkageRoutes;
import jp.consentledger.kernel.breach.BreachReportedEvent;
import jp.consentledger.kernel.common.AccountId;
import jp.consentledger.kernel.common.LinkageId;
import jp.consentledger.kernel.common.Refusal;
import jp.consentledger.kernel.common.RefusalCode;
import jp.consentledger.kernel.linkage.LinkageCommands.SuspendLinkage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;

/**
 * R4.6, T3.6: a breach reported with {@code suspendAffectedLinkages} suspends every affected linkage
 * that is still live, each suspension naming the breach. A tracking processor with its position in
 * the token table, so a report recorded just before a crash still gets its suspensions after the
 * restart; suspending a suspended linkage records nothing.
 */
@Component
@ProcessingGroup(BreachLinkageSuspensions.PROCESSING_GROUP)
class BreachLinkageSuspensions {
    static final String PROCESSING_GROUP = "breach-suspensions";
    /** A linkage that is no longer live has nothing left to suspend. */
    private static final Set<RefusalCode> NOT_LIVE = Set.of(RefusalCode.LINKAGE_EXPIRED, RefusalCode.LINKAGE_ALREADY_REVOKED);

    private final CommandGateway commands;
    private final LinkageRoutes routes;

    BreachLinkageSuspensions(CommandGateway commands, LinkageRoutes routes) {
        this.commands = commands;
        this.routes = routes;
    }

    @EventHandler
    void on(BreachReportedEvent event) {
        if (!event.suspendAffectedLinkages()) {
            return;
        }
        for (LinkageId linkageId : event.affectedLinkageIds()) {
            Optional<AccountId> account = routes.accountOf(linkageId);
            if (account.isEmpty()) {
                continue; // the report named a linkage the ledger never granted: nothing to suspend
            }
            try {
                commands.sendAndWait(new SuspendLinkage(account.get(), linkageId, "Breach " + event.breachId() + " ("
                        + event.kind() + ") reported with suspension of the affected linkages", event.breachId(),
                        event.reportedAt()));
            } catch (Refusal refusal) {
                if (!NOT_LIVE.contains(refusal.code())) {
                    throw refusal;
                }
            }
        }
    }
}
