package jp.consentledger.kernel.account;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.event.LedgerEvent;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The account was suspended: every linkage of it stops at once (R5.2). */
@Revision("1")
public record AccountSuspendedEvent(
        AccountId accountId,
        String reason,
        Instant suspendedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return suspendedAt;
    }
}
