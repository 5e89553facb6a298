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
import org.springframework.jdbc.UncategorizedSQLException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aFailureIsAlertedCountedAndShownInHealthWithTheEventNamedAndNeverRethrown(CapturedOutput output) throws Exception {
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

    /**
     * The full torture run: a store killed while the linkage directory read event positions failed the handler
     * with the pool's "Connection is closed", which was alerted and passed over (104 times in one run). Only the
     * failed commit saved the events then; a failure of the store must roll the batch back to be read again.
     */
    @Test
    void aStoreThatWentAwayIsRethrownForTheBatchToBeReadAgainNeverPassedOver() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProjectionFailures failures = new ProjectionFailures(registry);
        EventMessage<?> event = new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(94919),
                GenericEventMessage.asEventMessage("payload"));
        UncategorizedSQLException lost = new UncategorizedSQLException("positions", "SELECT",
                new SQLException("Connection is closed"));

        assertThatThrownBy(() -> failures.onError(lost, event, new FailingIndex())).isSameAs(lost);

        assertThat(failures.health().getStatus()).isEqualTo(Status.UP);
        assertThat(registry.find("ledger.projection.failures").counter()).isNull();
    }
}
