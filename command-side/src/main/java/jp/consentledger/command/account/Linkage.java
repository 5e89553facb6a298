package jp.consentledger.command.account;

import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.linkage.LinkageStatus;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A linkage as its account's aggregate needs it to decide; changed only by the account's event handlers. */
final class Linkage {
    final LinkageId linkageId;
    final ProviderId providerId;
    final Instant grantedAt;
    final Instant expiresAt;
    Set<Scope> scopes;
    List<ChainedRecipient> chainedRecipients;
    LinkageStatus status = LinkageStatus.ACTIVE;
    boolean suspended;
    boolean expiryRecorded;

    Linkage(LinkageId linkageId, ProviderId providerId, Set<Scope> scopes, List<ChainedRecipient> chainedRecipients,
            Instant grantedAt, Instant expiresAt) {
        this.linkageId = linkageId;
        this.providerId = providerId;
        this.scopes = scopes;
        this.chainedRecipients = chainedRecipients;
        this.grantedAt = grantedAt;
        this.expiresAt = expiresAt;
    }

    /** Live: not revoked and not past its end (exclusive) at {@code instant}; a suspended linkage is still live. */
    boolean liveAt(Instant instant) {
        return status != LinkageStatus.REVOKED && instant.isBefore(expiresAt);
    }

    /** By value, so the aggregate fixture can check that sourcing the events rebuilds the same state. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Linkage that && linkageId.equals(that.linkageId) && providerId.equals(that.providerId)
                && grantedAt.equals(that.grantedAt) && expiresAt.equals(that.expiresAt) && scopes.equals(that.scopes)
                && chainedRecipients.equals(that.chainedRecipients) && status == that.status
                && suspended == that.suspended && expiryRecorded == that.expiryRecorded;
    }

    @Override
    public int hashCode() {
        return Objects.hash(linkageId, status, suspended);
    }
}
