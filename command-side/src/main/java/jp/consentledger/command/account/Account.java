package jp.consentledger.command.account;

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
import jp.consentledger.kernel.common.AccountId;
import jp.consentledger.kernel.common.CustomerId;
import jp.consentledger.kernel.common.LinkageId;
import jp.consentledger.kernel.common.ProviderId;
import jp.consentledger.kernel.common.Refusal;
import jp.consentledger.kernel.common.RefusalCode;
import jp.consentledger.kernel.common.TermsVersionId;
import jp.consentledger.kernel.linkage.LinkageAmendedEvent;
import jp.consentledger.kernel.linkage.LinkageExpiredEvent;
import jp.consentledger.kernel.linkage.LinkageCommands.AmendLinkage;
import jp.consentledger.kernel.linkage.LinkageCommands.ConfirmRevocation;
import jp.consentledger.kernel.linkage.LinkageCommands.GrantLinkage;
import jp.consentledger.kernel.linkage.LinkageCommands.RequestRevocation;
import jp.consentledger.kernel.linkage.LinkageCommands.ResumeLinkage;
import jp.consentledger.kernel.linkage.LinkageCommands.RevokeAtBank;
import jp.consentledger.kernel.linkage.LinkageCommands.SuspendLinkage;
import jp.consentledger.kernel.linkage.LinkageGrantRefusedEvent;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.linkage.LinkageResumedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationRequestedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.linkage.LinkageSuspendedEvent;
import jp.consentledger.kernel.linkage.GrantDecision;
import jp.consentledger.kernel.provider.ProviderStatus;
import jp.consentledger.kernel.validity.LinkageStatus;
import jp.consentledger.command.account.AccountDeadlines.LinkageExpiryDue;
import jp.consentledger.command.account.AccountDeadlines.RegistrationLapseDue;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An account's standing for the service: its registration (利用登録, R4.1) and every linkage of it
 * (R4.2). Linkages live here because their invariants are the account's: one live linkage per
 * provider, and closing or suspending the account stops all of them at once (R5.2).
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
            if (existing.providerId.equals(command.providerId()) && existing.liveAt(command.grantedAt())) {
                throw new Refusal(RefusalCode.LINKAGE_ALREADY_ACTIVE, "Account '" + accountId.value()
                        + "' already has live linkage '" + existing.linkageId + "' with provider '" + command.providerId().value()
                        + "' until " + existing.expiresAt + "; amend it, or revoke it before granting again (R4.2).");
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

    @CommandHandler
    public void handle(RequestRevocation command) {
        Linkage linkage = requireLinkage(command.linkageId());
        if (linkage.status == LinkageStatus.REVOKED) {
            throw alreadyRevoked(linkage);
        }
        if (linkage.status == LinkageStatus.REVOCATION_REQUESTED) {
            return; // the provider passed the same request on again: already recorded
        }
        if (command.requestedAt().isBefore(linkage.grantedAt) || command.requestedAt().isAfter(command.recordedAt())) {
            throw new Refusal(RefusalCode.INVALID_PERIOD, "requestedAt must lie between the grant ("
                    + linkage.grantedAt + ") and now (" + command.recordedAt() + ").");
        }
        apply(new LinkageRevocationRequestedEvent(linkage.linkageId, accountId, linkage.providerId,
                command.requestedAt(), command.recordedAt()));
    }

    @CommandHandler
    public void handle(ConfirmRevocation command) {
        Linkage linkage = requireLinkage(command.linkageId());
        if (linkage.status == LinkageStatus.REVOKED) {
            return; // confirming what is already revoked changes nothing
        }
        if (linkage.status != LinkageStatus.REVOCATION_REQUESTED) {
            throw new Refusal(RefusalCode.REVOCATION_NOT_REQUESTED, "No revocation of linkage '" + linkage.linkageId
                    + "' has been requested through its provider; to revoke at the bank's own initiative use"
                    + " POST /api/v1/linkages/" + linkage.linkageId + "/revocations.");
        }
        apply(new LinkageRevocationConfirmedEvent(linkage.linkageId, accountId, linkage.providerId,
                command.confirmedAt()));
    }

    @CommandHandler
    public void handle(RevokeAtBank command) {
        Linkage linkage = requireLinkage(command.linkageId());
        if (linkage.status == LinkageStatus.REVOKED) {
            throw alreadyRevoked(linkage);
        }
        apply(new LinkageRevokedAtBankEvent(linkage.linkageId, accountId, linkage.providerId, command.reason(),
                command.revokedAt()));
    }

    @CommandHandler
    public void handle(AmendLinkage command) {
        Linkage linkage = requireLinkage(command.linkageId());
        if (!linkage.liveAt(command.amendedAt())) {
            throw notLive(linkage, command.amendedAt());
        }
        apply(new LinkageAmendedEvent(linkage.linkageId, accountId, linkage.providerId,
                command.scopes() != null ? command.scopes() : linkage.scopes,
                command.chainedRecipients() != null ? command.chainedRecipients() : linkage.chainedRecipients,
                command.amendedAt()));
    }

    @CommandHandler
    public void handle(SuspendLinkage command) {
        Linkage linkage = requireLinkage(command.linkageId());
        if (!linkage.liveAt(command.suspendedAt())) {
            if (command.breachId() != null) {
                return; // a breach suspends what is still live (R4.6); an ended linkage has nothing to stop
            }
            throw notLive(linkage, command.suspendedAt());
        }
        if (linkage.suspended) {
            return;
        }
        apply(new LinkageSuspendedEvent(linkage.linkageId, accountId, linkage.providerId, command.reason(),
                command.breachId(), command.suspendedAt()));
    }

    @CommandHandler
    public void handle(ResumeLinkage command) {
        Linkage linkage = requireLinkage(command.linkageId());
        if (!linkage.suspended) {
            return;
        }
        if (!linkage.liveAt(command.resumedAt())) {
            throw notLive(linkage, command.resumedAt());
        }
        apply(new LinkageResumedEvent(linkage.linkageId, accountId, linkage.providerId, command.resumedAt()));
    }

    // ---- recorded ends (validity never waits for these: the rule compares instants) -------------

    /** Nothing is recorded once the linkage is revoked or the account closed: its end came before. */
    @DeadlineHandler(deadlineName = AccountDeadlines.LINKAGE_EXPIRY)
    void on(LinkageExpiryDue due) {
        Linkage linkage = linkages.get(due.linkageId());
        if (closed || linkage == null || linkage.status == LinkageStatus.REVOKED || linkage.expiryRecorded
                || !linkage.expiresAt.equals(due.expiresAt())) {
            return;
        }
        apply(new LinkageExpiredEvent(linkage.linkageId, accountId, linkage.providerId, linkage.expiresAt));
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
        linkages.values().stream()
                .filter(linkage -> linkage.providerId.equals(providerId) && linkage.status != LinkageStatus.REVOKED
                        && !linkage.expiryRecorded && !at.isBefore(linkage.expiresAt))
                .toList()
                .forEach(linkage -> apply(new LinkageExpiredEvent(linkage.linkageId, accountId, linkage.providerId,
                        linkage.expiresAt)));
    }

    // ---- rules --------------------------------------------------------------------------------

    private GrantDecision refuseGrant(GrantLinkage command, RefusalCode code, String reason) {
        apply(new LinkageGrantRefusedEvent(accountId, command.providerId(), code.name(), reason, command.grantedAt()));
        return GrantDecision.refused(code, reason);
    }

    private Linkage requireLinkage(LinkageId linkageId) {
        Linkage linkage = linkages.get(linkageId);
        if (linkage == null) {
            throw new Refusal(RefusalCode.LINKAGE_NOT_FOUND, "No linkage '" + linkageId + "'.");
        }
        return linkage;
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

    private static void requirePeriod(Instant from, Instant until) {
        if (!from.isBefore(until)) {
            throw new Refusal(RefusalCode.INVALID_PERIOD, "The validity period ends (" + until
                    + ") before it starts (" + from + "); check the configured validity.");
        }
    }

    private static void requireCurrentTerms(TermsCatalogue terms, TermsVersionId version, Instant at) {
        if (!terms.isPublished(version)) {
            throw new Refusal(RefusalCode.TERMS_VERSION_UNKNOWN, "Terms version '" + version.value()
                    + "' has not been published; publish it with POST /api/v1/terms first.");
        }
        Optional<TermsVersionId> inForce = terms.versionInForceAt(at);
        if (inForce.isEmpty() || !inForce.get().equals(version)) {
            throw new Refusal(RefusalCode.TERMS_VERSION_NOT_IN_FORCE, "Terms version '" + version.value()
                    + "' is not the one in force now (" + inForce.map(TermsVersionId::value).orElse("none")
                    + "); the customer must consent to the current terms (R10, T7).");
        }
    }

    private static void requireActiveProvider(ProviderDirectory providers, ProviderId providerId) {
        ProviderStatus status = providers.statusOf(providerId).orElseThrow(() -> new Refusal(RefusalCode.PROVIDER_UNKNOWN,
                "Provider '" + providerId.value() + "' is not contracted with the bank; register it first."));
        if (status != ProviderStatus.ACTIVE) {
            throw new Refusal(status == ProviderStatus.SUSPENDED ? RefusalCode.PROVIDER_SUSPENDED
                    : RefusalCode.PROVIDER_TERMINATED, "Provider '" + providerId.value() + "' is "
                    + status.name().toLowerCase() + "; it cannot register accounts now.");
        }
    }

    private static Refusal alreadyRevoked(Linkage linkage) {
        return new Refusal(RefusalCode.LINKAGE_ALREADY_REVOKED, "Linkage '" + linkage.linkageId
                + "' is already revoked; grant a new linkage if the customer wants to link again.");
    }

    private static Refusal notLive(Linkage linkage, Instant at) {
        if (linkage.status == LinkageStatus.REVOKED) {
            return alreadyRevoked(linkage);
        }
        return new Refusal(RefusalCode.LINKAGE_EXPIRED, "Linkage '" + linkage.linkageId + "' expired at "
                + linkage.expiresAt + "; grant a new linkage (R4.2).");
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

    @EventSourcingHandler
    void on(LinkageGrantedEvent event) {
        linkages.put(event.linkageId(), new Linkage(event.linkageId(), event.providerId(), event.scopes(),
                event.chainedRecipients(), event.grantedAt(), event.expiresAt()));
    }

    @EventSourcingHandler
    void on(LinkageAmendedEvent event) {
        Linkage linkage = linkages.get(event.linkageId());
        linkage.scopes = event.scopes();
        linkage.chainedRecipients = event.chainedRecipients();
    }

    @EventSourcingHandler
    void on(LinkageExpiredEvent event) {
        linkages.get(event.linkageId()).expiryRecorded = true;
    }

    @EventSourcingHandler
    void on(LinkageRevocationRequestedEvent event) {
        linkages.get(event.linkageId()).status = LinkageStatus.REVOCATION_REQUESTED;
    }

    @EventSourcingHandler
    void on(LinkageRevocationConfirmedEvent event) {
        linkages.get(event.linkageId()).status = LinkageStatus.REVOKED;
    }

    @EventSourcingHandler
    void on(LinkageRevokedAtBankEvent event) {
        linkages.get(event.linkageId()).status = LinkageStatus.REVOKED;
    }

    @EventSourcingHandler
    void on(LinkageSuspendedEvent event) {
        linkages.get(event.linkageId()).suspended = true;
    }

    @EventSourcingHandler
    void on(LinkageResumedEvent event) {
        linkages.get(event.linkageId()).suspended = false;
    }
}
