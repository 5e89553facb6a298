package jp.consentledger.kernel.account;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.event.LedgerEvent;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The registration reached its end without renewal. Validity never waits for this record: it is evidence for the history. */
@Revision("1")
public record RegistrationLapsedEvent(
        AccountId accountId,
        Instant lapsedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return lapsedAt;
    }
}
