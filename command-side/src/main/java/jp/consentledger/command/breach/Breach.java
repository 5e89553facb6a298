package jp.consentledger.command.breach;

import jp.consentledger.command.account.AccountDirectory;
import jp.consentledger.command.linkage.LinkageRoutes;
import jp.consentledger.command.provider.ProviderDirectory;
import jp.consentledger.kernel.breach.BreachCommands.RecordDisclosure;
import jp.consentledger.kernel.breach.BreachCommands.ReportBreach;
import jp.consentledger.kernel.breach.BreachCommands.ResolveBreach;
import jp.consentledger.kernel.breach.BreachReportedEvent;
import jp.consentledger.kernel.breach.BreachResolvedEvent;
import jp.consentledger.kernel.breach.DisclosureRecordedEvent;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.refusal.Refusal;
import jp.consentledger.kernel.refusal.RefusalCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A breach (事故, R4.6-4.8, T3.6-3.7): reported, disclosures recorded, resolved. Never deleted. */
@Aggregate
public class Breach {
    private BreachId breachId;
    private boolean resolved;
    private final Set<String> disclosureIds = new HashSet<>();

    protected Breach() {
        // for Axon
    }

    /** The identifier as stored since the first event (BreachId#aggregateIdentifier), never its toString(). */
    @AggregateIdentifier
    String aggregateIdentifier() {
        return breachId == null ? null : breachId.aggregateIdentifier();
    }

    /**
     * Every affected party must be one the ledger knows: a mistyped id would silently leave the real
     * one unsuspended and make the record say something that never applied to anyone.
     */
    @CommandHandler
    public Breach(ReportBreach command, ProviderDirectory providers, AccountDirectory accounts, LinkageRoutes routes) {
        if (command.detectedAt().isAfter(command.reportedAt())) {
            throw new Refusal(RefusalCode.INVALID_PERIOD, "detectedAt (" + command.detectedAt()
                    + ") is in the future; report a breach once it has been detected.");
        }
        requireKnown(command.affectedProviderIds(), id -> providers.statusOf(id).isPresent(), ProviderId::value, RefusalCode.PROVIDER_UNKNOWN,
                "affectedProviderIds name providers the bank has not contracted");
        requireKnown(command.affectedAccountIds(), accounts::isRegistered, AccountId::value, RefusalCode.ACCOUNT_UNKNOWN,
                "affectedAccountIds name accounts that are not registered");
        requireKnown(command.affectedLinkageIds(), id -> routes.accountOf(id).isPresent(), LinkageId::value, RefusalCode.LINKAGE_UNKNOWN,
                "affectedLinkageIds name linkages the ledger has not recorded");
        apply(new BreachReportedEvent(command.breachId(), command.kind(), command.detectedAt(), command.description(),
                command.reportedBy(), command.affectedProviderIds(), command.affectedAccountIds(),
                command.affectedLinkageIds(), command.suspendAffectedLinkages(), command.reportedAt()));
    }

    @CommandHandler
    public void handle(RecordDisclosure command) {
        requireOpen();
        if (disclosureIds.contains(command.disclosureId())) {
            return;
        }
        apply(new DisclosureRecordedEvent(breachId, command.disclosureId(), command.recipientProviderId(),
                command.recipientChainedRecipient(), command.informationItems(), command.basisClause(),
                command.disclosedAt()));
    }

    @CommandHandler
    public void handle(ResolveBreach command) {
        requireOpen();
        apply(new BreachResolvedEvent(breachId, command.summary(), command.resolvedAt()));
    }

    private static <T> void requireKnown(Collection<T> ids, Predicate<T> known, Function<T, String> value,
                                         RefusalCode code, String what) {
        var unknown = ids.stream().filter(known.negate()).map(value).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new Refusal(code, what + ": " + String.join(", ", unknown)
                    + ". Correct the ids; nothing was recorded.");
        }
    }

    private void requireOpen() {
        if (resolved) {
            throw new Refusal(RefusalCode.BREACH_ALREADY_RESOLVED, "Breach '" + breachId
                    + "' is resolved; report a new breach for a new finding.");
        }
    }

    @EventSourcingHandler
    void on(BreachReportedEvent event) {
        breachId = event.breachId();
    }

    @EventSourcingHandler
    void on(DisclosureRecordedEvent event) {
        disclosureIds.add(event.disclosureId());
    }

    @EventSourcingHandler
    void on(BreachResolvedEvent event) {
        resolved = true;
    }
}
