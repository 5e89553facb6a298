package jp.consentledger.kernel.account;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.event.LedgerEvent;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The account was closed: every linkage of it stops at once (R5.2). Final. */
@Revision("1")
public record AccountClosedEvent(
        AccountId accountId,
        String reason,
        Instant closedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return closedAt;
    }
}
