package jp.consentledger.kernel.provider;

import jp.consentledger.kernel.common.LedgerEvent;
import jp.consentledger.kernel.common.ProviderId;
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
