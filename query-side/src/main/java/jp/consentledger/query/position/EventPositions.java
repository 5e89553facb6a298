package jp.consentledger.query.position;

import jp.consentledger.query.role.FullNode;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The global position of the event being handled: the event's own, which is what a read model must
 * record and an answer's {@code asOf.eventPosition} must name.
 * <p>
 * A gap-aware token (the JDBC event store) is not that: an event committed after later ones (concurrent
 * commits leave gaps) is delivered with the token's furthest position, another event's. On the JDBC store
 * the position is therefore read from the event table by the event's identifier, once per processor
 * batch for all its events (one indexed query). Other tokens (Axon Server's, which has no gaps, and a
 * replay's rebuild, which hands each event over at its own position) are taken as they are.
 */
@FullNode
@Component
public class EventPositions {
    /** Identifiers per query: well under every database's limit on parameters. */
    private static final int PER_QUERY = 500;

    private final JdbcClient jdbc;
    private final boolean jdbcEventStore;
    /** Per instance, on the batch's unit of work. */
    private final String batchKey = getClass().getName() + "@" + System.identityHashCode(this);

    public EventPositions(JdbcClient jdbc, @Value("${axon.axonserver.enabled:false}") boolean axonServer) {
        this.jdbc = jdbc;
        this.jdbcEventStore = !axonServer;
    }

    /** The position of {@code message} itself, handled with {@code token}. */
    public long of(EventMessage<?> message, TrackingToken token) {
        long tokenPosition = token.position().orElse(-1);
        if (!jdbcEventStore || WrappedToken.unwrap(token, GapAwareTrackingToken.class).isEmpty()) {
            return tokenPosition;
        }
        Map<String, Long> known = CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch
                ? batchPositions(batch) : Map.of();
        Long own = known.get(message.getIdentifier());
        if (own == null) {
            own = positionsOf(List.of(message.getIdentifier())).get(message.getIdentifier());
        }
        if (own == null) {
            throw new IllegalStateException("Event " + message.getIdentifier() + " was delivered at position "
                    + tokenPosition + " but is not in the event table");
        }
        return own;
    }

    private Map<String, Long> batchPositions(UnitOfWork<?> batch) {
        return batch.getOrComputeResource(batchKey, key -> positionsOf(((BatchingUnitOfWork<?>) batch).getMessages()
                .stream().map(Message::getIdentifier).toList()));
    }

    private Map<String, Long> positionsOf(List<String> identifiers) {
        Map<String, Long> positions = new HashMap<>();
        for (int from = 0; from < identifiers.size(); from += PER_QUERY) {
            List<String> chunk = identifiers.subList(from, Math.min(identifiers.size(), from + PER_QUERY));
            jdbc.sql("SELECT event_identifier, global_index FROM domain_event_entry WHERE event_identifier IN ("
                            + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")
                    .params(chunk)
                    .query(rs -> {
                        positions.put(rs.getString(1), rs.getLong(2));
                    });
        }
        return positions;
    }
}
