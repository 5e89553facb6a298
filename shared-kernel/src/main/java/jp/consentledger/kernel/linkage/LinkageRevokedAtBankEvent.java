package jp.consentledger.kernel.linkage;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The linkage was revoked at the bank (customer asked the bank, or the bank decided): invalid from revokedAt. */
@Revision("1")
public record LinkageRevokedAtBankEvent(
        LinkageId linkageId,
        AccountId accountId,
        ProviderId providerId,
        String reason,
        Instant revokedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return revokedAt;
    }
}
