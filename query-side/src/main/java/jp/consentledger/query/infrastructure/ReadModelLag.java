package jp.consentledger.query.infrastructure;

import jp.consentledger.query.role.FullNode;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Refuses to answer from a JDBC read model that is still catching up with the event store (a rebuild, or a
 * node back from downtime): an answer from it would be wrong, not merely late (a linkage revoked at the bank
 * shown as live, a dispute's state missing the revocation that decides it). Live, a read model trails the
 * store by milliseconds; one that has not read an event recorded more than {@link #TOLERANCE} ago is
 * catching up. Read from the processor's tokens and the event table, which every query node shares, so a node
 * that holds none of the processor's segments judges the same. A processor's progress is its furthest
 * segment: a pooled processor's segments share one reading of the stream, and a segment with nothing of its
 * own to handle stores its token only now and then. On a store without an event table here (Axon Server) the
 * first unread event is read through Axon's event-store API instead.
 */
@Component
@FullNode // only the audit and directory answers, which a gateway node does not serve, consult it
public class ReadModelLag {
    static final Duration TOLERANCE = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final Clock clock;
    private final EventStore events;
    private final boolean eventTable;

    public ReadModelLag(JdbcClient jdbc, Serializer serializer, Clock clock, EventStore events,
                        ObjectProvider<EventStorageEngine> storage) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.clock = clock;
        this.events = events;
        this.eventTable = storage.getIfAvailable() instanceof JdbcEventStorageEngine;
    }

    /**
     * @param knownBy the answer reads only the events recorded by then (a "what did the ledger know" question),
     *                or null for all: such an answer is whole once every event recorded by then has been read
     * @throws NotReadyException (503 LEDGER_CATCHING_UP) when {@code processor} has yet to read an event the
     *                           answer needs, recorded before the tolerance
     */
    public void requireCurrent(String processor, String readModel, Instant knownBy) {
        List<Optional<Long>> segments = jdbc.sql("SELECT token_type, token FROM read_model.qry_token_entry WHERE processor_name = ?")
                .param(processor)
                .query((rs, n) -> position(rs.getString(1), rs.getBytes(2))).list();
        // No token yet: nothing read.
        long through = segments.stream().mapToLong(position -> position.orElse(-1L)).max().orElse(-1);
        Optional<Instant> firstUnread = eventTable
                ? jdbc.sql("SELECT time_stamp FROM domain_event_entry WHERE global_index > ?"
                        + " ORDER BY global_index FETCH FIRST 1 ROWS ONLY")
                .param(through).query(String.class).optional().map(Instant::parse)
                : firstRecordedAfter(through);
        if (firstUnread.isPresent() && firstUnread.get().isBefore(clock.instant().minus(TOLERANCE))
                && (knownBy == null || !firstUnread.get().isAfter(knownBy))) {
            throw new NotReadyException("The " + readModel + " is still catching up with the events: it has read through"
                    + " position " + through + ", and events recorded since " + firstUnread.get()
                    + " are not in it yet, so it cannot answer truthfully. Retry shortly.");
        }
    }

    /** Such a store numbers its events without gaps: the event after {@code through}, if the head is past it. */
    private Optional<Instant> firstRecordedAfter(long through) {
        TrackingToken head = events.createHeadToken();
        if (head == null || head.position().orElse(-1) <= through) {
            return Optional.empty();
        }
        try (BlockingStream<TrackedEventMessage<?>> stream =
                     events.openStream(through < 0 ? null : new GlobalSequenceTrackingToken(through))) {
            return Optional.of(stream.nextAvailable().getTimestamp());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the event store", e);
        }
    }

    /** The highest position a token has seen (a replay's current position); a gap is an event not yet visible to anyone. */
    private Optional<Long> position(String type, byte[] token) {
        if (token == null) {
            return Optional.empty();
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return tracking.position().stream().boxed().findFirst();
    }
}
