package jp.consentledger.kernel.provider;

import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

import static jp.consentledger.kernel.ids.Identifiers.required;
import static jp.consentledger.kernel.time.LedgerTime.requireInRange;
import static jp.consentledger.kernel.ids.Identifiers.requireText;

/** Commands the bank gives about a provider (API連携事業者). */
public final class ProviderCommands {
    private ProviderCommands() {
    }

    /** {@code credentialId} names the first secret issued; the secret and its hash never enter a command or an event. */
    public record RegisterProvider(@TargetAggregateIdentifier ProviderId providerId, String name,
                                   ProviderCredentialId credentialId, Instant registeredAt) {
        public RegisterProvider {
            required(providerId, "providerId");
            requireText(name, "name", 200);
            required(credentialId, "credentialId");
            requireInRange(registeredAt, "registeredAt");
        }
    }

    /** The bank issues the provider a new secret, named {@code credentialId}; the current one stops working. */
    public record RotateProviderCredential(@TargetAggregateIdentifier ProviderId providerId,
                                           ProviderCredentialId credentialId, Instant rotatedAt) {
        public RotateProviderCredential {
            required(providerId, "providerId");
            required(credentialId, "credentialId");
            required(rotatedAt, "rotatedAt");
        }
    }

    public record SuspendProvider(@TargetAggregateIdentifier ProviderId providerId, String reason, Instant suspendedAt) {
        public SuspendProvider {
            required(providerId, "providerId");
            requireText(reason, "reason", 1000);
            requireInRange(suspendedAt, "suspendedAt");
        }
    }

    public record ReinstateProvider(@TargetAggregateIdentifier ProviderId providerId, Instant reinstatedAt) {
        public ReinstateProvider {
            required(providerId, "providerId");
            requireInRange(reinstatedAt, "reinstatedAt");
        }
    }

    public record TerminateProvider(@TargetAggregateIdentifier ProviderId providerId, String reason, Instant terminatedAt) {
        public TerminateProvider {
            required(providerId, "providerId");
            requireText(reason, "reason", 1000);
            requireInRange(terminatedAt, "terminatedAt");
        }
    }
}
