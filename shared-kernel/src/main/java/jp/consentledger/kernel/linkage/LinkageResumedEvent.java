package jp.consentledger.kernel.linkage;

import jp.consentledger.kernel.common.AccountId;
import jp.consentledger.kernel.common.LedgerEvent;
import jp.consentledger.kernel.common.LinkageId;
import jp.consentledger.kernel.common.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The linkage's suspension was lifted. */
@Revision("1")
public record LinkageResumedEvent(
        LinkageId linkageId,
        AccountId accountId,
        ProviderId providerId,
        Instant resumedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return resumedAt;
    }
}
