package jp.consentledger.kernel.linkage;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The bank confirmed a requested revocation by its own method: the token is invalid from confirmedAt. */
@Revision("1")
public record LinkageRevocationConfirmedEvent(
        LinkageId linkageId,
        AccountId accountId,
        ProviderId providerId,
        Instant confirmedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return confirmedAt;
    }
}
