package jp.consentledger.command.account;

import jp.consentledger.command.account.AccountDeadlines.LinkageExpiryDue;
import jp.consentledger.command.account.AccountDeadlines.RegistrationLapseDue;
import jp.consentledger.command.provider.ProviderDirectory;
import jp.consentledger.command.terms.TermsCatalogue;
import jp.consentledger.kernel.account.AccountClosedEvent;
import jp.consentledger.kernel.account.AccountCommands.CloseAccount;
import jp.consentledger.kernel.account.AccountCommands.RegisterAccount;
import jp.consentledger.kernel.account.AccountCommands.RenewRegistration;
import jp.consentledger.kernel.account.AccountCommands.ResumeAccount;
import jp.consentledger.kernel.account.AccountCommands.SuspendAccount;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.account.AccountResumedEvent;
import jp.consentledger.kernel.account.AccountSuspendedEvent;
import jp.consentledger.kernel.account.CustomerType;
import jp.consentledger.kernel.account.RegistrationLapsedEvent;
import jp.consentledger.kernel.account.RegistrationRenewedEvent;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.refusal.Refusal;
import jp.consentledger.kernel.refusal.RefusalCode;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.linkage.GrantDecision;
import jp.consentledger.kernel.linkage.LinkageCommands.GrantLinkage;
import jp.consentledger.kernel.linkage.LinkageCommands.ToLinkage;
import jp.consentledger.kernel.linkage.LinkageGrantRefusedEvent;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.provider.ProviderStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static jp.consentledger.command.account.AccountPreconditions.requireActiveProvider;
import static jp.consentledger.command.account.AccountPreconditions.requireCurrentTerms;
import static jp.consentledger.command.account.AccountPreconditions.requirePeriod;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An account's standing for the service: its registration (利用登録, R4.1), its suspension and closure
 * (R5.2), and the grant of its linkages (R4.2-4.3), since one live linkage per provider is a rule across
 * them. Each linkage is an entity of this aggregate ({@link Linkage}) and decides what is addressed to it.
 */
@Aggregate
public class Account {
    private AccountId accountId;
    private CustomerId customerId;
    private TermsVersionId termsVersion;
    private Instant registrationExpiresAt;
    private Instant lapseRecordedFor;
    private boolean closed;
    private boolean suspended;
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private final Map<LinkageId, Linkage> linkages = new LinkedHashMap<>();

    protected Account() {
        // for Axon
    }

    /**
     * As stored since the first event (AccountId#aggregateIdentifier), and as a plain string: deadlines
     * store the identifier as JSON, where an AccountId would come back as its bare value and address no aggregate.
     */
    @AggregateIdentifier
    String aggregateIdentifier() {
        return accountId == null ? null : accountId.aggregateIdentifier();
    }

    // ---- registration -------------------------------------------------------------------------

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterAccount command, TermsCatalogue terms, ProviderDirectory providers,
                       DeadlineManager deadlines) {
        if (accountId != null) {
            throw new Refusal(RefusalCode.ACCOUNT_ALREADY_REGISTERED, "Account '" + command.accountId().value()
                    + "' is already registered; renew its registration instead of registering it again.");
        }
        if (command.customerType() == CustomerType.INDIVIDUAL && !command.pinRegisteredCard()) {
            throw new Refusal(RefusalCode.ACCOUNT_NOT_ELIGIBLE, "An individual's account needs a cash or loan card"
                    + " with a registered PIN (R2.2); register the card's PIN first.");
        }
        requirePeriod(command.registeredAt(), command.registrationExpiresAt());
        requireCurrentTerms(terms, command.termsVersion(), command.registeredAt());
        requireActiveProvider(providers, command.viaProviderId());
        apply(new AccountRegisteredEvent(command.accountId(), command.customerId(), command.customerType(),
                command.accountType(), command.pinRegisteredCard(), command.termsVersion(),
                command.identityVerificationRef(), command.viaProviderId(), command.registeredAt(),
                command.registrationExpiresAt()));
        deadlines.schedule(command.registrationExpiresAt(), AccountDeadlines.REGISTRATION_LAPSE,
                new RegistrationLapseDue(command.registrationExpiresAt()));
    }

    /**
     * A renewal after the registration's end records the lapse first, at that end: the lapse happened,
     * however soon the renewal came after it. The lapse deadline of the previous period is left to fire
     * and find it no longer matches: cancelling by name would make the scheduler scan every deadline it holds.
     */
    @CommandHandler
    public void handle(RenewRegistration command, TermsCatalogue terms, DeadlineManager deadlines) {
        requireOpen();
        requirePeriod(command.renewedAt(), command.registrationExpiresAt());
        requireCurrentTerms(terms, command.termsVersion(), command.renewedAt());
        recordLapseDueBy(command.renewedAt());
        apply(new RegistrationRenewedEvent(accountId, command.termsVersion(), command.identityVerificationRef(),
                command.renewedAt(), command.registrationExpiresAt()));
        deadlines.schedule(command.registrationExpiresAt(), AccountDeadlines.REGISTRATION_LAPSE,
                new RegistrationLapseDue(command.registrationExpiresAt()));
    }

    @CommandHandler
    public void handle(CloseAccount command) {
        if (closed) {
            return;
        }
        apply(new AccountClosedEvent(accountId, command.reason(), command.closedAt()));
    }

    @CommandHandler
    public void handle(SuspendAccount command) {
        requireOpen();
        if (suspended) {
            return;
        }
        apply(new AccountSuspendedEvent(accountId, command.reason(), command.suspendedAt()));
    }

    @CommandHandler
    public void handle(ResumeAccount command) {
        requireOpen();
        if (!suspended) {
            return;
        }
        apply(new AccountResumedEvent(accountId, command.resumedAt()));
    }

    // ---- linkages -----------------------------------------------------------------------------

    /**
     * Grants, or refuses. Refusals the bank wants evidence of (a lapsed registration, a provider that
     * may not receive grants) are recorded as events and returned as a decision rather than thrown,
     * since a thrown refusal would roll its own record back.
     */
    @CommandHandler
    public GrantDecision handle(GrantLinkage command, ProviderDirectory providers, DeadlineManager deadlines) {
        requireOpen();
        requireNotSuspended();
        requirePeriod(command.grantedAt(), command.expiresAt());
        if (!command.grantedAt().isBefore(registrationExpiresAt)) {
            recordLapseDueBy(command.grantedAt());
            return refuseGrant(command, RefusalCode.REGISTRATION_LAPSED, "The registration of account '" + accountId.value()
                    + "' lapsed at " + registrationExpiresAt + "; renew the registration (R4.1) before granting.");
        }
        Optional<ProviderStatus> provider = providers.statusOf(command.providerId());
        if (provider.isEmpty()) {
            throw new Refusal(RefusalCode.PROVIDER_UNKNOWN, "Provider '" + command.providerId().value()
                    + "' is not contracted with the bank; register it first.");
        }
        if (provider.get() != ProviderStatus.ACTIVE) {
            RefusalCode code = provider.get() == ProviderStatus.SUSPENDED
                    ? RefusalCode.PROVIDER_SUSPENDED : RefusalCode.PROVIDER_TERMINATED;
            return refuseGrant(command, code, "Provider '" + command.providerId().value() + "' is "
                    + provider.get().name().toLowerCase() + "; nothing can be granted to it until the bank reinstates it.");
        }
        for (Linkage existing : linkages.values()) {
            if (existing.providerId().equals(command.providerId()) && existing.liveAt(command.grantedAt())) {
                throw new Refusal(RefusalCode.LINKAGE_ALREADY_ACTIVE, "Account '" + accountId.value()
                        + "' already has live linkage '" + existing.linkageId() + "' with provider '" + command.providerId().value()
                        + "' until " + existing.expiresAt() + "; amend it, or revoke it before granting again (R4.2).");
            }
        }
        recordExpiriesDueBy(command.providerId(), command.grantedAt());
        apply(new LinkageGrantedEvent(command.linkageId(), accountId, customerId, command.providerId(),
                command.scopes(), command.chainedRecipients(), command.tokenHash(), termsVersion,
                command.grantedAt(), command.expiresAt()));
        deadlines.schedule(command.expiresAt(), AccountDeadlines.LINKAGE_EXPIRY,
                new LinkageExpiryDue(command.linkageId(), command.expiresAt()));
        return GrantDecision.granted(command.linkageId());
    }

    // ---- recorded ends (validity never waits for these: the rule compares instants) -------------

    /** Nothing is recorded once the account is closed: its end came before (R5.2). */
    @DeadlineHandler(deadlineName = AccountDeadlines.LINKAGE_EXPIRY)
    void on(LinkageExpiryDue due) {
        Linkage linkage = linkages.get(due.linkageId());
        if (!closed && linkage != null) {
            linkage.expiryFallsDue(due.expiresAt());
        }
    }

    /** Records the lapse at the registration's own end, unless a renewal moved that end. */
    @DeadlineHandler(deadlineName = AccountDeadlines.REGISTRATION_LAPSE)
    void on(RegistrationLapseDue due) {
        if (closed || !due.registrationExpiresAt().equals(registrationExpiresAt)
                || registrationExpiresAt.equals(lapseRecordedFor)) {
            return;
        }
        apply(new RegistrationLapsedEvent(accountId, registrationExpiresAt));
    }

    /** The lapse of the registration, if it ended by {@code at} and is not recorded yet (before what comes after it). */
    private void recordLapseDueBy(Instant at) {
        if (!at.isBefore(registrationExpiresAt) && !registrationExpiresAt.equals(lapseRecordedFor)) {
            apply(new RegistrationLapsedEvent(accountId, registrationExpiresAt));
        }
    }

    /** The expiry of the provider's earlier linkages that ended by {@code at}, not yet recorded (before a re-grant). */
    private void recordExpiriesDueBy(ProviderId providerId, Instant at) {
        linkages.values().stream().filter(linkage -> linkage.providerId().equals(providerId)).toList()
                .forEach(linkage -> linkage.recordExpiryDueBy(at));
    }

    // ---- rules --------------------------------------------------------------------------------

    private GrantDecision refuseGrant(GrantLinkage command, RefusalCode code, String reason) {
        apply(new LinkageGrantRefusedEvent(accountId, command.providerId(), code.name(), reason, command.grantedAt()));
        return GrantDecision.refused(code, reason);
    }

    private void requireOpen() {
        if (closed) {
            throw new Refusal(RefusalCode.ACCOUNT_CLOSED, "Account '" + accountId.value() + "' is closed (R5.2).");
        }
    }

    private void requireNotSuspended() {
        if (suspended) {
            throw new Refusal(RefusalCode.ACCOUNT_SUSPENDED, "Account '" + accountId.value()
                    + "' is suspended (R5.2); resume it before granting.");
        }
    }

    // ---- state --------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(AccountRegisteredEvent event) {
        accountId = event.accountId();
        customerId = event.customerId();
        termsVersion = event.termsVersion();
        registrationExpiresAt = event.registrationExpiresAt();
    }

    @EventSourcingHandler
    void on(RegistrationRenewedEvent event) {
        termsVersion = event.termsVersion();
        registrationExpiresAt = event.registrationExpiresAt();
    }

    @EventSourcingHandler
    void on(RegistrationLapsedEvent event) {
        lapseRecordedFor = event.lapsedAt();
    }

    @EventSourcingHandler
    void on(AccountClosedEvent event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(AccountSuspendedEvent event) {
        suspended = true;
    }

    @EventSourcingHandler
    void on(AccountResumedEvent event) {
        suspended = false;
    }

    /** The linkage's own events are routed to it by linkageId (ForwardMatchingInstances); its grant creates it here. */
    @EventSourcingHandler
    void on(LinkageGrantedEvent event) {
        linkages.put(event.linkageId(), new Linkage(event));
    }

    /** Axon would only say "no entity to forward to"; the caller is told which linkage the account does not hold. */
    @CommandHandlerInterceptor
    void linkageMustBeHeld(ToLinkage command) {
        if (!linkages.containsKey(command.linkageId())) {
            throw new Refusal(RefusalCode.LINKAGE_NOT_FOUND, "No linkage '" + command.linkageId() + "'.");
        }
    }
}
