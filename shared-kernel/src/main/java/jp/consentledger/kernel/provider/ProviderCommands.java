package jp.consentledger.kernel.provider;

import jp.consentledger.kernel.common.ProviderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

import static jp.consentledger.kernel.common.Identifiers.required;
import static jp.consentledger.kernel.time.LedgerTime.requireInRange;
import static jp.consentledger.kernel.common.Identifiers.requireText;

/** Commands the bank gives about a provider (API連携事業者). */
public final class ProviderCommands {
    private ProviderCommands() {
    }

    /** {@code secretHash} is a password hash of the provider's API secret; the plain secret never enters the ledger. */
    public record RegisterProvider(@TargetAggregateIdentifier ProviderId providerId, String name, String secretHash,
                                   Instant registeredAt) {
        public RegisterProvider {
            required(providerId, "providerId");
            requireText(name, "name", 200);
            requireText(secretHash, "secretHash", 200);
            requireInRange(registeredAt, "registeredAt");
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
