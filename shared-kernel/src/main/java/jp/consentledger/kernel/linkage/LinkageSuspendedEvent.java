package jp.consentledger.kernel.linkage;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The linkage was suspended, by an operator or following breach breachId (R4.6). */
@Revision("1")
public record LinkageSuspendedEvent(
        LinkageId linkageId,
        AccountId accountId,
        ProviderId providerId,
        String reason,
        BreachId breachId,
        Instant suspendedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return suspendedAt;
    }
}
