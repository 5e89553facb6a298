package jp.consentledger.kernel.linkage;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer asked the provider to stop (R5.1, T4.1) at requestedAt; the bank recorded it at recordedAt. The linkage stays valid until the bank confirms. */
@Revision("1")
public record LinkageRevocationRequestedEvent(
        LinkageId linkageId,
        AccountId accountId,
        ProviderId providerId,
        Instant requestedAt,
        Instant recordedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return requestedAt;
    }
}
