package jp.consentledger.kernel.linkage;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
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
