package jp.consentledger.command.service;

import jp.consentledger.command.provider.ProviderDirectory;
import jp.consentledger.kernel.refusal.Refusal;
import jp.consentledger.kernel.refusal.RefusalCode;
import jp.consentledger.kernel.ids.SuspensionId;
import jp.consentledger.kernel.service.ServiceSuspensionCommands.DeclareServiceSuspension;
import jp.consentledger.kernel.service.ServiceSuspensionCommands.LiftServiceSuspension;
import jp.consentledger.kernel.service.ServiceSuspensionDeclaredEvent;
import jp.consentledger.kernel.service.ServiceSuspensionLiftedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A window in which the service is unavailable (休止, R2.1, R7.3, T8), for all providers or one. */
@Aggregate
public class ServiceSuspension {
    private SuspensionId suspensionId;
    private Instant until;

    protected ServiceSuspension() {
        // for Axon
    }

    /** The identifier as stored since the first event (SuspensionId#aggregateIdentifier), never its toString(). */
    @AggregateIdentifier
    String aggregateIdentifier() {
        return suspensionId == null ? null : suspensionId.aggregateIdentifier();
    }

    @CommandHandler
    public ServiceSuspension(DeclareServiceSuspension command, ProviderDirectory providers) {
        if (command.providerId() != null && providers.statusOf(command.providerId()).isEmpty()) {
            throw new Refusal(RefusalCode.PROVIDER_UNKNOWN, "Provider '" + command.providerId().value()
                    + "' is not contracted with the bank; omit providerId to suspend the service for all providers.");
        }
        if (!command.until().isAfter(command.declaredAt())) {
            throw new Refusal(RefusalCode.INVALID_PERIOD, "The window ends (" + command.until()
                    + ") before now; a suspension must end in the future.");
        }
        apply(new ServiceSuspensionDeclaredEvent(command.suspensionId(), command.from(), command.until(),
                command.providerId(), command.reason(), command.declaredAt()));
    }

    @CommandHandler
    public void handle(LiftServiceSuspension command) {
        if (!command.liftedAt().isBefore(until)) {
            return; // already over
        }
        apply(new ServiceSuspensionLiftedEvent(suspensionId, command.liftedAt()));
    }

    @EventSourcingHandler
    void on(ServiceSuspensionDeclaredEvent event) {
        suspensionId = event.suspensionId();
        until = event.until();
    }

    @EventSourcingHandler
    void on(ServiceSuspensionLiftedEvent event) {
        until = event.liftedAt();
    }
}
