package jp.consentledger.kernel.provider;

import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The bank issued a provider a new secret ({@code credentialId}); the one named {@code replacedCredentialId}
 * stopped working at {@code rotatedAt}. Names only: the secret and its hash never enter the ledger.
 */
@Revision("1")
public record ProviderCredentialRotatedEvent(
        ProviderId providerId,
        ProviderCredentialId credentialId,
        ProviderCredentialId replacedCredentialId,
        Instant rotatedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return rotatedAt;
    }
}
