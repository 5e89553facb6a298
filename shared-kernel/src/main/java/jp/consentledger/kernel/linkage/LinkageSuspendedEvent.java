package jp.consentledger.kernel.linkage;

import jp.consentledger.kernel.common.AccountId;
import jp.consentledger.kernel.common.BreachId;
import jp.consentledger.kernel.common.LedgerEvent;
import jp.consentledger.kernel.common.LinkageId;
import jp.consentledger.kernel.common.ProviderId;
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
