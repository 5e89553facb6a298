package jp.consentledger.kernel.provider;

import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The bank lifted a provider's suspension. */
@Revision("1")
public record ProviderReinstatedEvent(
        ProviderId providerId,
        Instant reinstatedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return reinstatedAt;
    }
}
