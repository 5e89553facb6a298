package jp.consentledger.query.failures;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jp.consentledger.web.outage.StoreOutage;
import jp.consentledger.web.problem.RedactedFailure;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event a read model's handler could not apply: alerted (an ERROR line naming the processor, the event's
 * id, type and position), counted ({@code ledger_projection_failures_total{processor}}), shown in health
 * (component {@code projectionFailures}, status DEGRADED, outside readiness), and then passed over, so that
 * one poison event cannot stop a read model, or the answers that rest on it, for good. The event stays in
 * the store: a fixed build replays it (POST /api/v1/audit/replays, or a restart for live token validity).
 * <p>
 * A failure of the database itself (the store away, a connection lost) says nothing about the event: it is
 * rethrown, so the processor rolls the batch back and reads it again once the store is back. Passing over it
 * would lose the event from the read model for good, as the full torture run showed it could (a store killed
 * while a batch read event positions).
 */
@Component("projectionFailures")
public class ProjectionFailures implements ListenerInvocationErrorHandler, HealthIndicator {
    static final Status DEGRADED = new Status("DEGRADED", "a read model passed over an event it could not apply");
    private static final Logger log = LoggerFactory.getLogger(ProjectionFailures.class);

    private final MeterRegistry registry;
    private final Map<String, Failure> last = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    record Failure(long count, String eventId, String eventType, long position, String failure) {
    }

    public ProjectionFailures(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The processor of a handler, as its {@code @ProcessingGroup} names it. */
    private static String processorOf(EventMessageHandler handler) {
        var group = handler.getTargetType().getAnnotation(org.axonframework.config.ProcessingGroup.class);
        return group != null ? group.value() : handler.getTargetType().getSimpleName();
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler handler) throws Exception {
        if (isStoreFailure(exception)) {
            throw exception;
        }
        String processor = processorOf(handler);
        long position = event instanceof TrackedEventMessage<?> tracked ? tracked.trackingToken().position().orElse(-1) : -1;
        String type = event.getPayloadType().getSimpleName();
        counters.computeIfAbsent(processor, p -> Counter.builder("ledger.projection.failures").tag("processor", p)
                .description("Events a read model could not apply and passed over").register(registry)).increment();
        last.merge(processor, new Failure(1, event.getIdentifier(), type, position, exception.getClass().getName()),
                (old, now) -> new Failure(old.count() + 1, now.eventId(), now.eventType(), now.position(), now.failure()));
        // The message may quote the event's content (a customer id): types and frames only.
        log.error("ALERT read model '{}' could not apply event {} ({} at position {}) and passed over it; replay it once fixed",
                processor, event.getIdentifier(), type, position, RedactedFailure.of(exception));
    }

    /** The database away or its connection lost: the same event will apply once it is back. */
    static boolean isStoreFailure(Exception exception) {
        return StoreOutage.isCause(exception) || exception instanceof TransientDataAccessException
                || exception instanceof RecoverableDataAccessException || exception instanceof DataAccessResourceFailureException;
    }

    @Override
    public Health health() {
        if (last.isEmpty()) {
            return Health.up().build();
        }
        return Health.status(DEGRADED).withDetails(new TreeMap<>(last)).build();
    }
}
