package jp.consentledger.kernel.provider;

import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The bank suspended a provider (R7.3, T6.3): its tokens stop at once. */
@Revision("1")
public record ProviderSuspendedEvent(
        ProviderId providerId,
        String reason,
        Instant suspendedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return suspendedAt;
    }
}
