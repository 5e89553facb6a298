package jp.consentledger.kernel.provider;

import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The bank ended its contract with a provider (R7.4): final. */
@Revision("1")
public record ProviderTerminatedEvent(
        ProviderId providerId,
        String reason,
        Instant terminatedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return terminatedAt;
    }
}
