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

    /** A command addressed to one provider's aggregate, routed by its aggregate identifier. */
    public interface ToProvider {
        ProviderId providerId();

        @TargetAggregateIdentifier
        default String targetAggregateIdentifier() {
            return providerId().aggregateIdentifier();
        }
    }

    /** {@code credentialId} names the first secret issued; the secret and its hash never enter a command or an event. */
    public record RegisterProvider(ProviderId providerId, String name,
                                   ProviderCredentialId credentialId, Instant registeredAt) implements ToProvider {
        public RegisterProvider {
            required(providerId, "providerId");
            requireText(name, "name", 200);
            required(credentialId, "credentialId");
            requireInRange(registeredAt, "registeredAt");
        }
    }

    /** The bank issues the provider a new secret, named {@code credentialId}; the current one stops working. */
    public record RotateProviderCredential(ProviderId providerId,
                                           ProviderCredentialId credentialId, Instant rotatedAt) implements ToProvider {
        public RotateProviderCredential {
            required(providerId, "providerId");
            required(credentialId, "credentialId");
            required(rotatedAt, "rotatedAt");
        }
    }

    public record SuspendProvider(ProviderId providerId, String reason, Instant suspendedAt) implements ToProvider {
        public SuspendProvider {
            required(providerId, "providerId");
            requireText(reason, "reason", 1000);
            requireInRange(suspendedAt, "suspendedAt");
        }
    }

    public record ReinstateProvider(ProviderId providerId, Instant reinstatedAt) implements ToProvider {
        public ReinstateProvider {
            required(providerId, "providerId");
            requireInRange(reinstatedAt, "reinstatedAt");
        }
    }

    public record TerminateProvider(ProviderId providerId, String reason, Instant terminatedAt) implements ToProvider {
        public TerminateProvider {
            required(providerId, "providerId");
            requireText(reason, "reason", 1000);
            requireInRange(terminatedAt, "terminatedAt");
        }
    }
}
