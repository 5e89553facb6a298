package jp.consentledger.kernel.service;

import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.ids.SuspensionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

import static jp.consentledger.kernel.ids.Identifiers.required;
import static jp.consentledger.kernel.time.LedgerTime.requireInRange;
import static jp.consentledger.kernel.ids.Identifiers.requireText;

/** 休止 (R2.1, R7.3, T8): windows in which the service is unavailable, for all providers or one. */
public final class ServiceSuspensionCommands {
    private ServiceSuspensionCommands() {
    }

    /** A command addressed to one suspension window's aggregate, routed by its aggregate identifier. */
    public interface ToSuspension {
        SuspensionId suspensionId();

        @TargetAggregateIdentifier
        default String targetAggregateIdentifier() {
            return suspensionId().aggregateIdentifier();
        }
    }

    /** The window is [from, until); {@code providerId} null means every provider. */
    public record DeclareServiceSuspension(SuspensionId suspensionId, Instant from,
                                           Instant until, ProviderId providerId, String reason, Instant declaredAt) implements ToSuspension {
        public DeclareServiceSuspension {
            required(suspensionId, "suspensionId");
            requireInRange(from, "from");
            requireInRange(until, "until");
            if (!from.isBefore(until)) {
                throw new IllegalArgumentException("from must be before until");
            }
            requireText(reason, "reason", 1000);
            requireInRange(declaredAt, "declaredAt");
        }
    }

    /** Ends a window early (or cancels it before it starts). */
    public record LiftServiceSuspension(SuspensionId suspensionId, Instant liftedAt) implements ToSuspension {
        public LiftServiceSuspension {
            required(suspensionId, "suspensionId");
            requireInRange(liftedAt, "liftedAt");
        }
    }
}
