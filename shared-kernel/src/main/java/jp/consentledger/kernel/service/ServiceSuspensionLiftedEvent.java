package jp.consentledger.kernel.service;

import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.SuspensionId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A service suspension window ends at liftedAt, earlier than declared. */
@Revision("1")
public record ServiceSuspensionLiftedEvent(
        SuspensionId suspensionId,
        Instant liftedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return liftedAt;
    }
}
