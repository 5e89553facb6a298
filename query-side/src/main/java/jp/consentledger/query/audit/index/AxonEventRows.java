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
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events through Axon's event-store API, for a store that knows nothing of the ledger's columns (Axon Server;
 * in the tests, Axon's in-memory engine): each event's links come from its metadata (layout v2), and what the chain
 * covers from the event as the store gives it back. Such stores number their events without gaps, so a token's
 * position is the event's own.
 *
 * <p>A store that held events before it had links (an Axon Server store upgraded to this version) begins with
 * events without them. Those before the store's first linked event are given the links layout v2 gives them
 * (computed, not stored: their evidence is the signed log, from its first checkpoint on); an unlinked event
 * after it is left unlinked, and the verification names it.
 */
public class AxonEventRows implements EventRows {
    /** Legacy links computed last, by aggregate: a reader walks in order, so a predecessor is usually here. */
    private static final int COMPUTED_HEADS = 100_000;

    private final EventStore store;
    private final Serializer serializer = EventStoreContract.serializer();
    private final Map<String, Head> computed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
            return size() > COMPUTED_HEADS;
        }
    };
    /** The position of the store's first event with links, once found (it never moves). */
    private Long firstLinked;
    /** No event with links at or before this position. */
    private long scannedThrough = -1;

    private record Head(long sequence, String hash) {
    }

    public AxonEventRows(EventStore store) {
        this.store = store;
    }

    private Row rowOf(long position, EventMessage<?> message) {
        DomainEventMessage<?> event = EventUtils.asDomainEventMessage(message);
        EventChain.StoredRow row = ChainLinking.row(event, serializer);
        String chainHash = ChainLinking.chainHashOf(message.getMetaData());
        if (chainHash == null && beforeFirstLinked(position)) {
            String previous = event.getSequenceNumber() == 0 ? EventChain.GENESIS
                    : computedHead(event.getAggregateIdentifier(), event.getSequenceNumber() - 1);
            String hash = EventChain.linkV2(previous, row);
            synchronized (computed) {
                computed.put(event.getAggregateIdentifier(), new Head(event.getSequenceNumber(), hash));
            }
            return new Row(position, row, previous, hash, 2);
        }
        Object previous = message.getMetaData().get(EventChain.PREVIOUS_HASH);
        return new Row(position, row, previous == null ? null : previous.toString(), chainHash, 2);
    }

    /** Whether no event at or before {@code position} carries links: the store's events from before it had them. */
    private synchronized boolean beforeFirstLinked(long position) {
        while (firstLinked == null && scannedThrough < position) {
            List<TrackedEventMessage<?>> page = messages(scannedThrough, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (TrackedEventMessage<?> message : page) {
                long at = message.trackingToken().position().orElseThrow();
                if (ChainLinking.chainHashOf(message.getMetaData()) != null) {
                    firstLinked = at;
                    break;
                }
                scannedThrough = at;
            }
        }
        return firstLinked == null || position < firstLinked;
    }

    /** The chain hash of an aggregate's event: the one it carries, or the one layout v2 gives an older event. */
    private String computedHead(String aggregate, long sequence) {
        synchronized (computed) {
            Head known = computed.get(aggregate);
            if (known != null && known.sequence() == sequence) {
                return known.hash();
            }
        }
        return ChainLinking.headOf(store::readEvents, aggregate, sequence, serializer);
    }

    /** Up to {@code max} rows after {@code after} (any negative: from the first), read no further than the head. */
    private List<Row> read(long after, int max) {
        List<Row> rows = new ArrayList<>();
        for (TrackedEventMessage<?> message : messages(after, max)) {
            rows.add(rowOf(message.trackingToken().position().orElseThrow(), message));
        }
        return rows;
    }

    private List<TrackedEventMessage<?>> messages(long after, int max) {
        long head = head();
        List<TrackedEventMessage<?>> messages = new ArrayList<>();
        if (after >= head) {
            return messages;
        }
        TrackingToken start = after < 0 ? null : new GlobalSequenceTrackingToken(after);
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(start)) {
            long last = after;
            while (messages.size() < max && last < head) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                last = message.trackingToken().position().orElseThrow();
                messages.add(message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the event store", e);
        }
        return messages;
    }

    @Override
    public List<Row> pageAfter(long afterGlobalIndex) {
        return read(afterGlobalIndex, PAGE);
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
        for (Row row : pageAfter(afterGlobalIndex)) {
            String aggregate = row.event().aggregateIdentifier();
            long sequence = row.event().sequenceNumber();
            Row before = lastInPage.get(aggregate);
            String predecessor = sequence == 0 ? null
                    : before != null && before.event().sequenceNumber() == sequence - 1 ? before.chainHash()
                    : computedHead(aggregate, sequence - 1);
            linked.add(new LinkedRow(row, predecessor));
            lastInPage.put(aggregate, row);
        }
        return linked;
    }

    @Override
    public long head() {
        TrackingToken head = store.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }
}
