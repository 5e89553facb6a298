package jp.consentledger.command.provider;

import jp.consentledger.kernel.common.ProviderId;
import jp.consentledger.kernel.common.Refusal;
import jp.consentledger.kernel.common.RefusalCode;
import jp.consentledger.kernel.provider.ProviderCommands.ReinstateProvider;
import jp.consentledger.kernel.provider.ProviderCommands.RegisterProvider;
import jp.consentledger.kernel.provider.ProviderCommands.SuspendProvider;
import jp.consentledger.kernel.provider.ProviderCommands.TerminateProvider;
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
    @AggregateIdentifier
    private ProviderId providerId;
    private ProviderStatus status;

    protected Provider() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterProvider command) {
        if (providerId != null) {
            throw new Refusal(RefusalCode.PROVIDER_ALREADY_REGISTERED,
                    "Provider '" + command.providerId().value() + "' is already registered; its secret was issued then and cannot be issued again.");
        }
        apply(new ProviderRegisteredEvent(command.providerId(), command.name(), command.secretHash(), command.registeredAt()));
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
