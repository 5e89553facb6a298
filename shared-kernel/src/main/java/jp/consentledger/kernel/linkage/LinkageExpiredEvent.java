package jp.consentledger.kernel.linkage;

import jp.consentledger.kernel.common.AccountId;
import jp.consentledger.kernel.common.LedgerEvent;
import jp.consentledger.kernel.common.LinkageId;
import jp.consentledger.kernel.common.ProviderId;
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
