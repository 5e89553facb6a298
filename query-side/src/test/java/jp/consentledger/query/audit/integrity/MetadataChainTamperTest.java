package jp.consentledger.query.audit.integrity;

import jp.consentledger.kernel.audit.EventChain;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.provider.ProviderCredentialId;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.query.audit.index.AxonEventRows;
import jp.consentledger.query.audit.integrity.subjects.SubjectIndex;
import jp.consentledger.serialization.ChainLinking;
import jp.consentledger.serialization.EventStoreContract;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a store that keeps no column of the ledger's (Axon's in-memory engine, standing in for Axon Server), the links
 * travel in each event's metadata (layout v2) and the verification reads them through Axon's event-store API: a
 * genuine store verifies, and an event changed, dropped or written without its links is named by its position.
 * The altered stores are written as a tamperer with access to the store would leave them.
 */
class MetadataChainTamperTest {
    private static final Instant T = Instant.parse("2026-09-01T00:00:00Z");

    private final String url = "jdbc:h2:mem:metadata-chain-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
    private final AuditLog log;

    MetadataChainTamperTest() throws Exception {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/query/h2")
                .table("flyway_history_query").load().migrate();
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        CheckpointSigner signer = new CheckpointSigner(Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()),
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        log = new AuditLog(jdbc, new JdbcTemplate(dataSource), new AxonEventRows(store), signer,
                new SubjectIndex(new JdbcTemplate(dataSource)),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                Clock.fixed(T.plus(Duration.ofDays(1)), ZoneOffset.UTC), Duration.ZERO, 1000);
    }

    @AfterEach
    void dropDatabase() {
        store.shutDown();
        jdbc.sql("SHUTDOWN").update();
    }

    /** Two providers, three events each, interleaved: positions 0 to 5, provider p0 at 0, 2, 4. */
    private static List<EventMessage<?>> genuine() {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int sequence = 0; sequence < 3; sequence++) {
            for (int p = 0; p < 2; p++) {
                events.add(event("p" + p, sequence, T.plusSeconds(10L * sequence + p)));
            }
        }
        Map<String, String> heads = new HashMap<>();
        return ChainLinking.link(events, heads, (aggregate, sequence) -> {
            throw new AssertionError("every head is among the events linked");
        }, EventStoreContract.serializer());
    }

    private static DomainEventMessage<?> event(String provider, long sequence, Instant at) {
        Object payload = sequence == 0
                ? new ProviderRegisteredEvent(new ProviderId(provider), "Provider " + provider, new ProviderCredentialId("c-" + provider), at)
                : new ProviderSuspendedEvent(new ProviderId(provider), "review " + sequence, at);
        return new GenericDomainEventMessage<>("Provider", provider, sequence, payload,
                MetaData.with("traceId", "t-" + provider + sequence), UUID.randomUUID().toString(), at);
    }

    private Verification.Result verify() {
        return new Verification(new AxonEventRows(store), log).verify();
    }

    @Test
    void aGenuineStoreVerifiesWithItsLinksInTheEventsMetadata() {
        List<EventMessage<?>> events = genuine();
        engine.appendEvents(events);
        assertThat(log.checkpoint().treeSize()).isEqualTo(6);

        Verification.Result result = verify();
        assertThat(result.verified()).as(result.toString()).isTrue();
        assertThat(result.eventsChecked()).isEqualTo(6);
        assertThat(events.get(2).getMetaData()).containsEntry(EventChain.PREVIOUS_HASH,
                events.get(0).getMetaData().get(EventChain.CHAIN_HASH));
    }

    @Test
    void anEventWhosePayloadWasChangedAfterItWasLinkedIsNamed() {
        List<EventMessage<?>> events = genuine();
        DomainEventMessage<?> original = (DomainEventMessage<?>) events.get(4);
        events.set(4, new GenericDomainEventMessage<>("Provider", "p0", 2,
                new ProviderSuspendedEvent(new ProviderId("p0"), "nothing happened", T.plusSeconds(20)),
                original.getMetaData(), original.getIdentifier(), original.getTimestamp()));
        engine.appendEvents(events);

        Verification.Result result = verify();
        assertThat(result.verified()).isFalse();
        assertThat(result.firstBrokenPosition()).isEqualTo(4L);
        assertThat(result.finding()).contains("do not match its chain hash");
    }

    @Test
    void anEventDroppedFromTheMiddleOfItsAggregateIsNamedAtTheEventAfterIt() {
        List<EventMessage<?>> events = genuine();
        events.remove(2); // p0's second event; p0's third now follows its first
        engine.appendEvents(events);

        Verification.Result result = verify();
        assertThat(result.verified()).isFalse();
        assertThat(result.firstBrokenPosition()).isEqualTo(3L);
        assertThat(result.finding()).contains("does not follow the previous event of aggregate p0");
    }

    @Test
    void anEventWrittenWithoutItsLinksIsNamedAndNeverSigned() {
        List<EventMessage<?>> events = genuine();
        EventMessage<?> linked = events.get(1);
        events.set(1, linked.withMetaData(MetaData.with("traceId", "t-p10")));
        engine.appendEvents(events);

        Verification.Result result = verify();
        assertThat(result.verified()).isFalse();
        assertThat(result.firstBrokenPosition()).isEqualTo(1L);
        org.assertj.core.api.Assertions.assertThatThrownBy(log::checkpoint)
                .isInstanceOf(AuditLog.UnlinkedEventException.class).hasMessageContaining("position 1");
    }

    @Test
    void anEventChangedAfterTheCheckpointSignedItIsCaughtByTheSignedTreeEvenWithItsLinksRecomputed() {
        List<EventMessage<?>> events = genuine();
        engine.appendEvents(events.subList(0, 5));
        log.checkpoint();
        // The last event rewritten with a fresh, self-consistent link: the chain alone cannot tell, the signed tree can.
        DomainEventMessage<?> last = (DomainEventMessage<?>) events.get(4);
        EventMessage<?> rewritten = ChainLinking.link(List.of(new GenericDomainEventMessage<>("Provider", "p0", 2,
                        new ProviderSuspendedEvent(new ProviderId("p0"), "rewritten", T.plusSeconds(20)),
                        MetaData.with("traceId", "t-p02"), last.getIdentifier(), last.getTimestamp())),
                new HashMap<>(Map.of("p0", (String) events.get(2).getMetaData().get(EventChain.CHAIN_HASH))),
                (aggregate, sequence) -> null, EventStoreContract.serializer()).get(0);
        InMemoryEventStorageEngine forged = new InMemoryEventStorageEngine();
        List<EventMessage<?>> tampered = new ArrayList<>(events.subList(0, 4));
        tampered.add(rewritten);
        forged.appendEvents(tampered);
        EmbeddedEventStore forgedStore = EmbeddedEventStore.builder().storageEngine(forged).build();

        Verification.Result result = new Verification(new AxonEventRows(forgedStore), log).verify();
        forgedStore.shutDown();
        assertThat(result.verified()).isFalse();
        assertThat(result.firstBrokenPosition()).isEqualTo(4L);
        assertThat(result.finding()).contains("differs from the one the log committed to");
    }

    /** An Axon Server store upgraded to this version: three events written before it had links, then two new ones. */
    private static void upgradedStore(InMemoryEventStorageEngine into, boolean alterFirst) {
        into.appendEvents(List.of(alterFirst
                        ? new GenericDomainEventMessage<>("Provider", "p0", 0, new ProviderRegisteredEvent(new ProviderId("p0"),
                        "Someone else", new ProviderCredentialId("c-p0"), T), MetaData.with("traceId", "t-p00"), "e-p0-0", T)
                        : legacy("p0", 0), legacy("p1", 0), legacy("p0", 1)));
    }

    private static DomainEventMessage<?> legacy(String provider, long sequence) {
        DomainEventMessage<?> event = event(provider, sequence, T.plusSeconds(10L * sequence));
        // Identifiers fixed, so that a second store can hold the same older events.
        return new GenericDomainEventMessage<>(event.getType(), provider, sequence, event.getPayload(), event.getMetaData(),
                "e-" + provider + "-" + sequence, event.getTimestamp());
    }

    private void published(DomainEventMessage<?> event) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        store.publish(event);
        unitOfWork.commit();
    }

    @Test
    void aStoreWithEventsFromBeforeItHadLinksIsSignedAndVerifiesAndItsNewEventsLinkOntoTheirChain() {
        upgradedStore(engine, false);
        store.registerDispatchInterceptor(new ChainLinking(store, EventStoreContract.serializer()));
        published(event("p0", 2, T.plusSeconds(20)));
        published(event("p1", 1, T.plusSeconds(21)));

        assertThat(log.checkpoint().treeSize()).isEqualTo(5);
        Verification.Result result = verify();
        assertThat(result.verified()).as(result.toString()).isTrue();
        assertThat(result.eventsChecked()).isEqualTo(5);
        // p0's new event follows the chain its older events would have had, computed over their fields.
        String p00 = EventChain.linkV2(EventChain.GENESIS, ChainLinking.row(legacy("p0", 0), EventStoreContract.serializer()));
        String p01 = EventChain.linkV2(p00, ChainLinking.row(legacy("p0", 1), EventStoreContract.serializer()));
        assertThat(store.readEvents("p0", 2).next().getMetaData()).containsEntry(EventChain.PREVIOUS_HASH, p01);
    }

    @Test
    void anOlderEventChangedAfterANewEventLinkedOntoItIsCaughtAtTheNewEvent() {
        upgradedStore(engine, false);
        store.registerDispatchInterceptor(new ChainLinking(store, EventStoreContract.serializer()));
        published(event("p0", 2, T.plusSeconds(20)));
        // The same store with p0's first event rewritten: the older events carry no links, the new one does.
        InMemoryEventStorageEngine forged = new InMemoryEventStorageEngine();
        EmbeddedEventStore forgedStore = EmbeddedEventStore.builder().storageEngine(forged).build();
        upgradedStore(forged, true);
        forged.appendEvents(List.of(store.readEvents("p0", 2).next()));

        Verification.Result result = new Verification(new AxonEventRows(forgedStore), log).verify();
        forgedStore.shutDown();
        assertThat(result.verified()).isFalse();
        assertThat(result.firstBrokenPosition()).isEqualTo(3L);
        assertThat(result.finding()).contains("does not follow the previous event of aggregate p0");
    }
}
