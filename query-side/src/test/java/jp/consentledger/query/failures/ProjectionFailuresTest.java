package jp.consentledger.query.failures;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** An event a read model cannot apply is alerted, counted and shown in health, naming the event; then passed over. */
@ExtendWith(OutputCaptureExtension.class)
class ProjectionFailuresTest {

    @ProcessingGroup("audit-index")
    static final class FailingIndex implements EventMessageHandler {
        @Override
        public Object handle(EventMessage<?> event) {
            throw new IllegalStateException("cust-secret-0001 cannot be stored");
        }
    }

    @Test
    void aFailureIsAlertedCountedAndShownInHealthWithTheEventNamedAndNeverRethrown(CapturedOutput output) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProjectionFailures failures = new ProjectionFailures(registry);
        assertThat(failures.health().getStatus()).isEqualTo(Status.UP);

        EventMessage<?> event = new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(41),
                GenericEventMessage.asEventMessage("payload"));
        failures.onError(new IllegalStateException("cust-secret-0001 cannot be stored"), event, new FailingIndex());

        assertThat(registry.get("ledger.projection.failures").tag("processor", "audit-index").counter().count()).isEqualTo(1.0);
        Health health = failures.health();
        assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(health.getDetails().get("audit-index").toString()).contains(event.getIdentifier(), "String", "41");
        assertThat(output.getAll()).contains("ALERT read model 'audit-index'", event.getIdentifier(), "position 41")
                .doesNotContain("cust-secret-0001");
    }
}
