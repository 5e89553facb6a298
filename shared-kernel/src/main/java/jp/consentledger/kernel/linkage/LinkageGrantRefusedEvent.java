package jp.consentledger.kernel.linkage;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A grant was refused for a reason the bank wants evidence of (a lapsed registration, a suspended provider). */
@Revision("1")
public record LinkageGrantRefusedEvent(
        AccountId accountId,
        ProviderId providerId,
        String refusalCode,
        String reason,
        Instant refusedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return refusedAt;
    }
}
