package jp.consentledger.query.observability;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.TreeMap;

/**
 * Readiness of the event processors: DOWN when one has stopped or a segment is in error (its read
 * model no longer follows the events), with each processor's position and catch-up state.
 */
@Component("eventProcessors")
public class EventProcessorsHealth implements HealthIndicator {
    private final EventProcessingConfiguration processing;

    public EventProcessorsHealth(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new TreeMap<>();
        boolean healthy = true;
        for (StreamingEventProcessor processor : processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList()) {
            boolean inError = processor.processingStatus().values().stream().anyMatch(s -> s.isErrorState());
            boolean caughtUp = !processor.processingStatus().isEmpty()
                    && processor.processingStatus().values().stream().allMatch(s -> s.isCaughtUp());
            healthy &= processor.isRunning() && !inError;
            details.put(processor.getName(), Map.of("running", processor.isRunning(), "error", inError, "caughtUp", caughtUp));
        }
        return (healthy ? Health.up() : Health.down()).withDetails(details).build();
    }
}
