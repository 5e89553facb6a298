package jp.consentledger.kernel.provider;

import jp.consentledger.kernel.common.LedgerEvent;
import jp.consentledger.kernel.common.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A provider contracted with the bank was registered; secretHash is a password hash, never the secret. */
@Revision("1")
public record ProviderRegisteredEvent(ProviderId providerId, String name, String secretHash, Instant registeredAt) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return registeredAt;
    }
}
