package jp.consentledger.kernel.provider;

import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A provider contracted with the bank was registered, and the bank issued it its first secret, named by
 * {@code credentialId}. No secret material: the secret's hash lives in the command side's credential
 * store. Revision 1 held a {@code secretHash}; {@link LegacyProviderRegistration} reads it as revision 2.
 */
@Revision("2")
public record ProviderRegisteredEvent(
        ProviderId providerId,
        String name,
        ProviderCredentialId credentialId,
        Instant registeredAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return registeredAt;
    }
}
