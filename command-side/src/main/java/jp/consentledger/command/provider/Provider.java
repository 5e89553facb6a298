package jp.consentledger.command.provider;

import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.refusal.Refusal;
import jp.consentledger.kernel.refusal.RefusalCode;
import jp.consentledger.kernel.provider.ProviderCommands.ReinstateProvider;
import jp.consentledger.kernel.provider.ProviderCommands.RotateProviderCredential;
import jp.consentledger.kernel.provider.ProviderCommands.RegisterProvider;
import jp.consentledger.kernel.provider.ProviderCommands.SuspendProvider;
import jp.consentledger.kernel.provider.ProviderCommands.TerminateProvider;
import jp.consentledger.kernel.provider.ProviderCredentialId;
import jp.consentledger.kernel.provider.ProviderCredentialRotatedEvent;
import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderStatus;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderTerminatedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A provider (API連携事業者) contracted with the bank; the bank may suspend or end it (R7.3-7.4, T6.3). */
@Aggregate
public class Provider {
    private ProviderId providerId;
    private ProviderStatus status;
    private ProviderCredentialId credentialId;

    protected Provider() {
        // for Axon
    }

    /** The identifier as stored since the first event (ProviderId#aggregateIdentifier), never its toString(). */
    @AggregateIdentifier
    String aggregateIdentifier() {
        return providerId == null ? null : providerId.aggregateIdentifier();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterProvider command) {
        if (providerId != null) {
            throw new Refusal(RefusalCode.PROVIDER_ALREADY_REGISTERED,
                    "Provider '" + command.providerId().value() + "' is already registered; its secret was issued then and cannot be issued again.");
        }
        apply(new ProviderRegisteredEvent(command.providerId(), command.name(), command.credentialId(), command.registeredAt()));
    }

    /** A suspended provider may still get a new secret: it still authenticates (to read and pass on revocations). */
    @CommandHandler
    public void handle(RotateProviderCredential command) {
        if (status == ProviderStatus.TERMINATED) {
            throw new Refusal(RefusalCode.PROVIDER_TERMINATED,
                    "Provider '" + providerId.value() + "' has been terminated; it can no longer be issued a secret.");
        }
        if (command.credentialId().equals(credentialId)) {
            return; // the same rotation delivered again
        }
        apply(new ProviderCredentialRotatedEvent(providerId, command.credentialId(), credentialId, command.rotatedAt()));
    }

    @CommandHandler
    public void handle(SuspendProvider command) {
        requireNotTerminated();
        if (status == ProviderStatus.SUSPENDED) {
            return;
        }
        apply(new ProviderSuspendedEvent(providerId, command.reason(), command.suspendedAt()));
    }

    @CommandHandler
    public void handle(ReinstateProvider command) {
        requireNotTerminated();
        if (status == ProviderStatus.ACTIVE) {
            return;
        }
        apply(new ProviderReinstatedEvent(providerId, command.reinstatedAt()));
    }

    @CommandHandler
    public void handle(TerminateProvider command) {
        if (status == ProviderStatus.TERMINATED) {
            return;
        }
        apply(new ProviderTerminatedEvent(providerId, command.reason(), command.terminatedAt()));
    }

    private void requireNotTerminated() {
        if (status == ProviderStatus.TERMINATED) {
            throw new Refusal(RefusalCode.PROVIDER_TERMINATED,
                    "Provider '" + providerId.value() + "' has been terminated; its contract cannot be suspended or reinstated.");
        }
    }

    @EventSourcingHandler
    void on(ProviderRegisteredEvent event) {
        providerId = event.providerId();
        status = ProviderStatus.ACTIVE;
        credentialId = event.credentialId(); // LEGACY for a registration recorded with a hash (upcast)
    }

    @EventSourcingHandler
    void on(ProviderCredentialRotatedEvent event) {
        credentialId = event.credentialId();
    }

    @EventSourcingHandler
    void on(ProviderSuspendedEvent event) {
        status = ProviderStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(ProviderReinstatedEvent event) {
        status = ProviderStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(ProviderTerminatedEvent event) {
        status = ProviderStatus.TERMINATED;
    }
}
