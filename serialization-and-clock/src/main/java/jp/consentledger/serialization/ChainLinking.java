package jp.consentledger.serialization;

import jp.consentledger.kernel.audit.EventChain;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Tamper evidence on a store that has no room for the ledger's columns (Axon Server): each event is linked into
 * its aggregate's hash chain (layout v2, {@link EventChain#linkV2}) as it is published, and carries its links in
 * its own metadata, which every store keeps. A dispatch interceptor on the event store, because Axon Server's
 * store has no storage engine a decorator could wrap.
 *
 * <p>The previous link of an aggregate's first event in a unit of work is read back from the store (its event at
 * sequence - 1); the store's own check of the aggregate's sequence rejects a concurrent writer of the same
 * sequence, so each chain stays linear. On a store that held events before it had links (an Axon Server store
 * upgraded to this version), an aggregate's first new event links onto the chain its older events would have had
 * ({@link #headOf}); the verification accepts such events only before the store's first linked one.
 */
public final class ChainLinking implements MessageDispatchInterceptor<EventMessage<?>> {
    private static final String HEADS = ChainLinking.class.getName() + ".heads";

    private final EventStore store;
    private final Serializer serializer;

    public ChainLinking(EventStore store, Serializer serializer) {
        this.store = store;
        this.serializer = serializer;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        // The heads this unit of work has linked so far: its later events of an aggregate follow those, not the store.
        Map<String, String> heads = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(HEADS, key -> new HashMap<>()) : new HashMap<>();
        List<EventMessage<?>> linked = link(messages, heads, this::storedHead, serializer);
        return (index, message) -> linked.get(index);
    }

    /** Where the previous link of an aggregate's event comes from when it is not among the events being linked. */
    @FunctionalInterface
    public interface Heads {
        String previousOf(String aggregateIdentifier, long sequenceNumber);
    }

    /**
     * {@code messages}, each with its links in its metadata. {@code heads} holds each aggregate's last link so far
     * and is updated; an aggregate not in it is looked up in {@code stored}.
     */
    public static List<EventMessage<?>> link(List<? extends EventMessage<?>> messages, Map<String, String> heads,
                                             Heads stored, Serializer serializer) {
        List<EventMessage<?>> linked = new ArrayList<>(messages.size());
        for (EventMessage<?> message : messages) {
            DomainEventMessage<?> event = EventUtils.asDomainEventMessage(message);
            String aggregate = event.getAggregateIdentifier();
            String previous = event.getSequenceNumber() == 0 ? EventChain.GENESIS
                    : heads.containsKey(aggregate) ? heads.get(aggregate)
                    : stored.previousOf(aggregate, event.getSequenceNumber());
            String hash = EventChain.linkV2(previous, row(event, serializer));
            heads.put(aggregate, hash);
            linked.add(message.andMetaData(Map.of(EventChain.PREVIOUS_HASH, previous, EventChain.CHAIN_HASH, hash)));
        }
        return linked;
    }

    /** What layout v2 hashes of {@code event}: its fields as every store keeps them. */
    public static EventChain.StoredRow row(DomainEventMessage<?> event, Serializer serializer) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        return new EventChain.StoredRow(event.getIdentifier(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), event.getType(), EventChain.storedTime(event.getTimestamp()),
                payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                EventChain.canonicalMetaData(event.getMetaData()));
    }

    /** The stored link of a v2 event, or null for an event written without one. */
    public static String chainHashOf(MetaData metaData) {
        Object hash = metaData.get(EventChain.CHAIN_HASH);
        return hash == null ? null : hash.toString();
    }

    private String storedHead(String aggregate, long sequenceNumber) {
        return headOf(store::readEvents, aggregate, sequenceNumber - 1, serializer);
    }

    /** An aggregate's stored events from a sequence on: an event store's or a storage engine's {@code readEvents}. */
    @FunctionalInterface
    public interface AggregateEvents {
        DomainEventStream from(String aggregateIdentifier, long firstSequenceNumber);
    }

    /**
     * The chain hash of {@code aggregate}'s event at {@code sequence}: the one it carries, or, for an event written
     * before the store had links, the one layout v2 gives it over its own fields and its predecessor's hash (its
     * aggregate's history is folded from the first event for that).
     *
     * @throws IllegalStateException when the store has no such event
     */
    public static String headOf(AggregateEvents events, String aggregate, long sequence, Serializer serializer) {
        DomainEventStream at = events.from(aggregate, sequence);
        if (at.hasNext() && at.peek().getSequenceNumber() == sequence) {
            String stored = chainHashOf(at.peek().getMetaData());
            if (stored != null) {
                return stored;
            }
        }
        String hash = EventChain.GENESIS;
        DomainEventStream history = events.from(aggregate, 0);
        while (history.hasNext()) {
            DomainEventMessage<?> event = history.next();
            String stored = chainHashOf(event.getMetaData());
            hash = stored != null ? stored : EventChain.linkV2(hash, row(event, serializer));
            if (event.getSequenceNumber() == sequence) {
                return hash;
            }
        }
        throw new IllegalStateException("No event " + sequence + " of aggregate " + aggregate + " in the store");
    }
}
