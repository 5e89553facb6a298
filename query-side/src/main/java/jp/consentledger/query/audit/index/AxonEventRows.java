package jp.consentledger.query.audit.index;

import jp.consentledger.kernel.audit.EventChain;
import jp.consentledger.serialization.ChainLinking;
import jp.consentledger.serialization.EventStoreContract;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The events through Axon's event-store API, for a store that knows nothing of the ledger's columns (Axon Server;
 * in the tests, Axon's in-memory engine): each event's links come from its metadata (layout v2), and what the chain
 * covers from the event as the store gives it back. Such stores number their events without gaps, so a token's
 * position is the event's own.
 */
public class AxonEventRows implements EventRows {
    private final EventStore store;
    private final Serializer serializer = EventStoreContract.serializer();

    public AxonEventRows(EventStore store) {
        this.store = store;
    }

    private Row rowOf(long position, EventMessage<?> message) {
        DomainEventMessage<?> event = EventUtils.asDomainEventMessage(message);
        Object previous = message.getMetaData().get(EventChain.PREVIOUS_HASH);
        return new Row(position, ChainLinking.row(event, serializer), previous == null ? null : previous.toString(),
                ChainLinking.chainHashOf(message.getMetaData()), 2);
    }

    /** Up to {@code max} rows after {@code after} (any negative: from the first), read no further than the head. */
    private List<Row> read(long after, int max) {
        long head = head();
        List<Row> rows = new ArrayList<>();
        if (after >= head) {
            return rows;
        }
        TrackingToken start = after < 0 ? null : new GlobalSequenceTrackingToken(after);
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(start)) {
            long last = after;
            while (rows.size() < max && last < head) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                last = message.trackingToken().position().orElseThrow();
                rows.add(rowOf(last, message));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the event store", e);
        }
        return rows;
    }

    @Override
    public void forEach(Consumer<Row> consumer) {
        long after = -1;
        while (true) {
            List<Row> page = read(after, PAGE);
            for (Row row : page) {
                consumer.accept(row);
                after = row.globalIndex();
            }
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    @Override
    public Optional<Row> at(long globalIndex) {
        return read(globalIndex - 1, 1).stream().filter(row -> row.globalIndex() == globalIndex).findFirst();
    }

    @Override
    public Map<String, Row> delivered(List<Delivered> batch) {
        Map<String, Row> rows = new LinkedHashMap<>();
        batch.forEach(event -> rows.put(event.message().getIdentifier(), rowOf(event.tokenPosition(), event.message())));
        return rows;
    }

    @Override
    public List<LinkedRow> linkedPageAfter(long afterGlobalIndex) {
        Map<String, Row> lastInPage = new HashMap<>();
        List<LinkedRow> linked = new ArrayList<>();
        for (Row row : read(afterGlobalIndex, PAGE)) {
            String aggregate = row.event().aggregateIdentifier();
            long sequence = row.event().sequenceNumber();
            Row before = lastInPage.get(aggregate);
            String predecessor = sequence == 0 ? null
                    : before != null && before.event().sequenceNumber() == sequence - 1 ? before.chainHash()
                    : storedLink(aggregate, sequence - 1);
            linked.add(new LinkedRow(row, predecessor));
            lastInPage.put(aggregate, row);
        }
        return linked;
    }

    private String storedLink(String aggregate, long sequence) {
        DomainEventStream stream = store.readEvents(aggregate, sequence);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getSequenceNumber() == sequence) {
                return ChainLinking.chainHashOf(event.getMetaData());
            }
        }
        return null;
    }

    @Override
    public long head() {
        TrackingToken head = store.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }
}
