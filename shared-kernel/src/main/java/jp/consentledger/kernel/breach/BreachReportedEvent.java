package jp.consentledger.kernel.breach;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Set;

/** A breach (事故) was reported (R4.6, T3.6): detected at detectedAt, recorded at reportedAt. */
@Revision("1")
public record BreachReportedEvent(
        BreachId breachId,
        BreachKind kind,
        Instant detectedAt,
        String description,
        String reportedBy,
        Set<ProviderId> affectedProviderIds,
        Set<AccountId> affectedAccountIds,
        Set<LinkageId> affectedLinkageIds,
        boolean suspendAffectedLinkages,
        Instant reportedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return detectedAt;
    }
}
