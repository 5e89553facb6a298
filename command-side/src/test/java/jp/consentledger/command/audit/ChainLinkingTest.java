package jp.consentledger.command.audit;

import jp.consentledger.kernel.audit.EventChain;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.provider.ProviderCredentialId;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.serialization.ChainLinking;
import jp.consentledger.serialization.EventStoreContract;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The links Axon Server's store gets (MetadataChainConfiguration), on a store that keeps no column of the
 * ledger's: Axon's in-memory engine behind the event store, with ChainLinking on its dispatch. Each event carries
 * its links in its metadata; within a unit of work an event follows the one before it, across units of work
 * it follows the head read back from the store.
 */
class ChainLinkingTest {
    private static final Instant T = Instant.parse("2026-09-01T00:00:00.123456Z");

    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();

    ChainLinkingTest() {
        store.registerDispatchInterceptor(new ChainLinking(store, EventStoreContract.serializer()));
    }

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    private static DomainEventMessage<?> suspended(long sequence) {
        return new GenericDomainEventMessage<>("Provider", "p1", sequence,
                new ProviderSuspendedEvent(new ProviderId("p1"), "review " + sequence, T),
                MetaData.with("traceId", "t" + sequence), UUID.randomUUID().toString(), T.plusSeconds(sequence));
    }

    @Test
    void eachEventLinksToThePreviousEventOfItsAggregateInItsMetadataAcrossUnitsOfWork() {
        DefaultUnitOfWork<?> first = DefaultUnitOfWork.startAndGet(null);
        store.publish(new GenericDomainEventMessage<>("Provider", "p1", 0,
                new ProviderRegisteredEvent(new ProviderId("p1"), "Provider p1", new ProviderCredentialId("c1"), T),
                MetaData.with("traceId", "t0"), UUID.randomUUID().toString(), T));
        store.publish(suspended(1));
        first.commit();
        DefaultUnitOfWork<?> second = DefaultUnitOfWork.startAndGet(null);
        store.publish(suspended(2));
        second.commit();

        List<? extends DomainEventMessage<?>> stored = store.readEvents("p1").asStream().toList();
        assertThat(stored).hasSize(3);
        String previous = EventChain.GENESIS;
        for (DomainEventMessage<?> event : stored) {
            assertThat(event.getMetaData()).containsEntry(EventChain.PREVIOUS_HASH, previous);
            String hash = EventChain.linkV2(previous, ChainLinking.row(event, EventStoreContract.serializer()));
            assertThat(event.getMetaData()).containsEntry(EventChain.CHAIN_HASH, hash);
            assertThat(event.getMetaData()).containsKey("traceId");
            previous = hash;
        }
    }

    @Test
    void layoutTwoCoversTheRecordedTimeToTheMillisecondAndTheMetadataButNotTheLinksThemselves() {
        DomainEventMessage<?> event = suspended(0);
        EventChain.StoredRow row = ChainLinking.row(event, EventStoreContract.serializer());
        assertThat(row.timeStamp()).isEqualTo("2026-09-01T00:00:00.123Z");
        String hash = EventChain.linkV2(EventChain.GENESIS, row);

        DomainEventMessage<?> withLinks = event.andMetaData(
                java.util.Map.of(EventChain.PREVIOUS_HASH, EventChain.GENESIS, EventChain.CHAIN_HASH, hash));
        assertThat(EventChain.linkV2(EventChain.GENESIS, ChainLinking.row(withLinks, EventStoreContract.serializer())))
                .isEqualTo(hash);
        DomainEventMessage<?> otherTrace = event.withMetaData(MetaData.with("traceId", "forged"));
        assertThat(EventChain.linkV2(EventChain.GENESIS, ChainLinking.row(otherTrace, EventStoreContract.serializer())))
                .isNotEqualTo(hash);
    }
}
