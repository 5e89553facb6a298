package jp.consentledger.command.account;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.refusal.Refusal;
import jp.consentledger.kernel.refusal.RefusalCode;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.linkage.LinkageAmendedEvent;
import jp.consentledger.kernel.linkage.LinkageCommands.AmendLinkage;
import jp.consentledger.kernel.linkage.LinkageCommands.ConfirmRevocation;
import jp.consentledger.kernel.linkage.LinkageCommands.RequestRevocation;
import jp.consentledger.kernel.linkage.LinkageCommands.ResumeLinkage;
import jp.consentledger.kernel.linkage.LinkageCommands.RevokeAtBank;
import jp.consentledger.kernel.linkage.LinkageCommands.SuspendLinkage;
import jp.consentledger.kernel.linkage.LinkageExpiredEvent;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.linkage.LinkageResumedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationRequestedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.linkage.LinkageSuspendedEvent;
import jp.consentledger.kernel.linkage.LinkageStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One linkage (API連携) of an account, an entity of the account's aggregate: it decides the commands
 * addressed to it (revocation requested and confirmed, R5.1; revoked at the bank; amended, R2.1;
 * suspended and resumed, R4.6) and evolves on its own events, which the account routes here by
 * {@code linkageId}. Its grant is the account's decision: one live linkage per provider is a rule across
 * linkages (R4.2).
 */
final class Linkage {
    @EntityId
    private final LinkageId linkageId;
    private final AccountId accountId;
    private final ProviderId providerId;
    private final Instant grantedAt;
    private final Instant expiresAt;
    private Set<Scope> scopes;
    private List<ChainedRecipient> chainedRecipients;
    private LinkageStatus status = LinkageStatus.ACTIVE;
    private boolean suspended;
    private boolean expiryRecorded;

    Linkage(LinkageGrantedEvent granted) {
        this.linkageId = granted.linkageId();
        this.accountId = granted.accountId();
        this.providerId = granted.providerId();
        this.scopes = granted.scopes();
        this.chainedRecipients = granted.chainedRecipients();
        this.grantedAt = granted.grantedAt();
        this.expiresAt = granted.expiresAt();
    }

    // ---- decisions ----------------------------------------------------------------------------

    @CommandHandler
    void handle(RequestRevocation command) {
        if (status == LinkageStatus.REVOKED) {
            throw alreadyRevoked();
        }
        if (status == LinkageStatus.REVOCATION_REQUESTED) {
            return; // the provider passed the same request on again: already recorded
        }
        if (command.requestedAt().isBefore(grantedAt) || command.requestedAt().isAfter(command.recordedAt())) {
            throw new Refusal(RefusalCode.INVALID_PERIOD, "requestedAt must lie between the grant ("
                    + grantedAt + ") and now (" + command.recordedAt() + ").");
        }
        apply(new LinkageRevocationRequestedEvent(linkageId, accountId, providerId, command.requestedAt(),
                command.recordedAt()));
    }

    @CommandHandler
    void handle(ConfirmRevocation command) {
        if (status == LinkageStatus.REVOKED) {
            return; // confirming what is already revoked changes nothing
        }
        if (status != LinkageStatus.REVOCATION_REQUESTED) {
            throw new Refusal(RefusalCode.REVOCATION_NOT_REQUESTED, "No revocation of linkage '" + linkageId
                    + "' has been requested through its provider; to revoke at the bank's own initiative use"
                    + " POST /api/v1/linkages/" + linkageId + "/revocations.");
        }
        apply(new LinkageRevocationConfirmedEvent(linkageId, accountId, providerId, command.confirmedAt()));
    }

    @CommandHandler
    void handle(RevokeAtBank command) {
        if (status == LinkageStatus.REVOKED) {
            throw alreadyRevoked();
        }
        apply(new LinkageRevokedAtBankEvent(linkageId, accountId, providerId, command.reason(), command.revokedAt()));
    }

    @CommandHandler
    void handle(AmendLinkage command) {
        if (!liveAt(command.amendedAt())) {
            throw notLive();
        }
        apply(new LinkageAmendedEvent(linkageId, accountId, providerId,
                command.scopes() != null ? command.scopes() : scopes,
                command.chainedRecipients() != null ? command.chainedRecipients() : chainedRecipients,
                command.amendedAt()));
    }

    @CommandHandler
    void handle(SuspendLinkage command) {
        if (!liveAt(command.suspendedAt())) {
            if (command.breachId() != null) {
                return; // a breach suspends what is still live (R4.6); an ended linkage has nothing to stop
            }
            throw notLive();
        }
        if (suspended) {
            return;
        }
        apply(new LinkageSuspendedEvent(linkageId, accountId, providerId, command.reason(), command.breachId(),
                command.suspendedAt()));
    }

    @CommandHandler
    void handle(ResumeLinkage command) {
        if (!suspended) {
            return;
        }
        if (!liveAt(command.resumedAt())) {
            throw notLive();
        }
        apply(new LinkageResumedEvent(linkageId, accountId, providerId, command.resumedAt()));
    }

    /**
     * Records the expiry if the linkage ended by {@code at} and nothing recorded its end yet (a revocation
     * came before it, or the expiry is already recorded). Validity never waits for this: the rule compares instants.
     */
    void recordExpiryDueBy(Instant at) {
        if (status != LinkageStatus.REVOKED && !expiryRecorded && !at.isBefore(expiresAt)) {
            apply(new LinkageExpiredEvent(linkageId, accountId, providerId, expiresAt));
        }
    }

    /** The expiry deadline for {@code dueAt}: stale if the linkage's end is another instant. */
    void expiryFallsDue(Instant dueAt) {
        if (expiresAt.equals(dueAt)) {
            recordExpiryDueBy(dueAt);
        }
    }

    // ---- what the account asks of it -----------------------------------------------------------

    LinkageId linkageId() {
        return linkageId;
    }

    ProviderId providerId() {
        return providerId;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    /** Live: not revoked and not past its end (exclusive) at {@code instant}; a suspended linkage is still live. */
    boolean liveAt(Instant instant) {
        return status != LinkageStatus.REVOKED && instant.isBefore(expiresAt);
    }

    private Refusal alreadyRevoked() {
        return new Refusal(RefusalCode.LINKAGE_ALREADY_REVOKED, "Linkage '" + linkageId
                + "' is already revoked; grant a new linkage if the customer wants to link again.");
    }

    private Refusal notLive() {
        if (status == LinkageStatus.REVOKED) {
            return alreadyRevoked();
        }
        return new Refusal(RefusalCode.LINKAGE_EXPIRED, "Linkage '" + linkageId + "' expired at "
                + expiresAt + "; grant a new linkage (R4.2).");
    }

    // ---- state --------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(LinkageAmendedEvent event) {
        scopes = event.scopes();
        chainedRecipients = event.chainedRecipients();
    }

    @EventSourcingHandler
    void on(LinkageExpiredEvent event) {
        expiryRecorded = true;
    }

    @EventSourcingHandler
    void on(LinkageRevocationRequestedEvent event) {
        status = LinkageStatus.REVOCATION_REQUESTED;
    }

    @EventSourcingHandler
    void on(LinkageRevocationConfirmedEvent event) {
        status = LinkageStatus.REVOKED;
    }

    @EventSourcingHandler
    void on(LinkageRevokedAtBankEvent event) {
        status = LinkageStatus.REVOKED;
    }

    @EventSourcingHandler
    void on(LinkageSuspendedEvent event) {
        suspended = true;
    }

    @EventSourcingHandler
    void on(LinkageResumedEvent event) {
        suspended = false;
    }

    /** By value, so the aggregate fixture can check that sourcing the events rebuilds the same state. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Linkage that && linkageId.equals(that.linkageId) && accountId.equals(that.accountId)
                && providerId.equals(that.providerId) && grantedAt.equals(that.grantedAt)
                && expiresAt.equals(that.expiresAt) && scopes.equals(that.scopes)
                && chainedRecipients.equals(that.chainedRecipients) && status == that.status
                && suspended == that.suspended && expiryRecorded == that.expiryRecorded;
    }

    @Override
    public int hashCode() {
        return Objects.hash(linkageId, status, suspended);
    }
}
