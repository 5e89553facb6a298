package jp.consentledger.kernel.linkage;

import jp.consentledger.kernel.common.AccountId;
import jp.consentledger.kernel.common.LedgerEvent;
import jp.consentledger.kernel.common.LinkageId;
import jp.consentledger.kernel.common.ProviderId;
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
