package jp.consentledger.kernel.linkage;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The linkage reached its end. Validity never waits for this record: it is evidence for the history. */
@Revision("1")
public record LinkageExpiredEvent(
        LinkageId linkageId,
        AccountId accountId,
        ProviderId providerId,
        Instant expiredAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return expiredAt;
    }
}
