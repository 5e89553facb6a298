package jp.consentledger.kernel.account;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.event.LedgerEvent;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The account's suspension was lifted. */
@Revision("1")
public record AccountResumedEvent(
        AccountId accountId,
        Instant resumedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return resumedAt;
    }
}
