package jp.consentledger.command.infrastructure;

import org.axonframework.eventhandling.EventMessage;
import jp.consentledger.kernel.audit.EventChain;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.consentledger.command.CommandSideApplication;
import jp.consentledger.kernel.provider.ProviderCredentialId;
import jp.consentledger.kernel.account.AccountCommands.RegisterAccount;
import jp.consentledger.kernel.account.AccountType;
import jp.consentledger.kernel.account.CustomerType;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.linkage.LinkageCommands.GrantLinkage;
import jp.consentledger.kernel.terms.PublishTermsVersion;
import jp.consentledger.kernel.provider.ProviderCommands.RegisterProvider;
import jp.consentledger.kernel.provider.ProviderCommands.SuspendProvider;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The postgres profile against a real PostgreSQL (embedded, started here): Flyway's schema, Axon's
 * JDBC event store reading and writing it, and the axonserver profile's wiring on the same database.
 */
class PostgresProfileTest {
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;
    private static JdbcClient jdbc;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        app = new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("postgres")
                .run(args());
        jdbc = app.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** As command-line arguments, which outrank the profile's file (default properties would not). */
    private static String[] args(String... more) {
        return Stream.concat(Stream.of("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--server.port=0",
                // A profile refuses the published demo secrets: real ones, drawn for this run.
                "--ledger.token.hmac-secret=postgres-profile-test-" + UUID.randomUUID(),
                "--ledger.idempotency.encryption-key=" + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32))),
                Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void no_column_is_a_large_object_and_axon_binaries_are_bytea() {
        List<String> oidColumns = jdbc.sql("SELECT table_schema || '.' || table_name || '.' || column_name"
                + " FROM information_schema.columns WHERE data_type = 'oid'"
                + " AND table_schema NOT IN ('pg_catalog', 'information_schema')").query(String.class).list();
        assertThat(oidColumns).isEmpty();

        List<String> binaries = jdbc.sql("SELECT table_name || '.' || column_name FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND data_type = 'bytea' ORDER BY 1").query(String.class).list();
        assertThat(binaries).contains("domain_event_entry.payload", "domain_event_entry.meta_data",
                "snapshot_event_entry.payload", "snapshot_event_entry.meta_data", "cmd_token_entry.token");
    }

    @Test
    void the_event_table_numbers_from_its_own_sequence_one_by_one() {
        Map<String, Object> sequence = jdbc.sql("SELECT increment_by, cache_size FROM pg_sequences"
                + " WHERE sequencename = 'domain_event_entry_seq'").query().singleRow();
        assertThat(sequence).containsEntry("increment_by", 1L).containsEntry("cache_size", 1L);
        String owner = jdbc.sql("SELECT pg_get_serial_sequence('domain_event_entry', 'global_index')")
                .query(String.class).single();
        assertThat(owner).isEqualTo("public.domain_event_entry_seq");
    }

    @Test
    void the_indexes_axons_tuning_guide_names_exist() {
        List<String> indexes = jdbc.sql("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'"
                + " AND tablename IN ('domain_event_entry', 'snapshot_event_entry')").query(String.class).list();
        assertThat(indexes).anySatisfy(i -> assertThat(i).contains("UNIQUE").contains("(aggregate_identifier, sequence_number)")
                .contains("domain_event_entry"));
        assertThat(indexes).anySatisfy(i -> assertThat(i).contains("UNIQUE").contains("(event_identifier)")
                .contains("domain_event_entry"));
        // The snapshot table's primary key leads with aggregate_identifier, so it serves lookups by aggregate.
        assertThat(indexes).anySatisfy(i -> assertThat(i).contains("UNIQUE").contains("(aggregate_identifier, sequence_number)")
                .contains("snapshot_event_entry"));
        assertThat(indexes).anySatisfy(i -> assertThat(i).contains("UNIQUE").contains("(event_identifier)")
                .contains("snapshot_event_entry"));
    }

    @Test
    void axons_jdbc_engine_writes_json_bytes_and_reads_them_back_by_aggregate_and_as_a_stream() {
        CommandGateway commands = app.getBean(CommandGateway.class);
        ProviderId provider = new ProviderId("pg-roundtrip");
        Instant at = Instant.parse("2026-03-01T01:03:00.123Z");
        commands.sendAndWait(new RegisterProvider(provider, "Round trip", new ProviderCredentialId("cred-1"), at));
        commands.sendAndWait(new SuspendProvider(provider, "audit", at.plusMillis(1)));

        EventStore events = app.getBean(EventStore.class);
        List<? extends DomainEventMessage<?>> stored = events.readEvents(provider.aggregateIdentifier()).asStream().toList();
        assertThat(stored).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
        assertThat(stored.get(0).getPayload()).isInstanceOfSatisfying(ProviderRegisteredEvent.class,
                e -> assertThat(e.registeredAt()).isEqualTo(at));
        assertThat(stored.get(1).getPayload()).isInstanceOf(ProviderSuspendedEvent.class);

        byte[] raw = jdbc.sql("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0")
                .param(provider.aggregateIdentifier()).query(byte[].class).single();
        assertThat(new String(raw, StandardCharsets.UTF_8)).startsWith("{").contains("pg-roundtrip");

        try (Stream<? extends TrackedEventMessage<?>> stream = events.openStream(null).asStream()) {
            assertThat(stream.limit(jdbc.sql("SELECT COUNT(*) FROM domain_event_entry").query(Long.class).single())
                    .filter(e -> e.getPayload() instanceof ProviderRegisteredEvent r && r.providerId().equals(provider)))
                    .hasSize(1);
        }
    }

    @Test
    void a_second_append_at_the_same_sequence_is_a_concurrency_conflict_not_a_storage_error() {
        CommandGateway commands = app.getBean(CommandGateway.class);
        ProviderId provider = new ProviderId("pg-race");
        commands.sendAndWait(new RegisterProvider(provider, "Race", new ProviderCredentialId("cred-1"), Instant.parse("2026-03-01T00:00:00Z")));

        EventStorageEngine engine = app.getBean(EventStorageEngine.class);
        assertThat(engine).isInstanceOf(JdbcEventStorageEngine.class);
        // What another node would append having decided on the same state as this one.
        var rival = new GenericDomainEventMessage<>("Provider", provider.aggregateIdentifier(), 0L,
                new ProviderSuspendedEvent(provider, "rival", Instant.parse("2026-03-01T00:00:01Z")));
        assertThatThrownBy(() -> app.getBean(TransactionManager.class)
                .executeInTransaction(() -> engine.appendEvents(rival)))
                .isInstanceOf(AggregateStreamCreationException.class);
        var rivalLater = new GenericDomainEventMessage<>("Provider", provider.aggregateIdentifier(), 1L,
                new ProviderSuspendedEvent(provider, "rival", Instant.parse("2026-03-01T00:00:01Z")));
        commands.sendAndWait(new SuspendProvider(provider, "first", Instant.parse("2026-03-01T00:00:02Z")));
        assertThatThrownBy(() -> app.getBean(TransactionManager.class)
                .executeInTransaction(() -> engine.appendEvents(rivalLater)))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(provider.aggregateIdentifier()).query(Long.class).single()).isEqualTo(2L);
    }

    /** Issue 3 "expiry recorded": the grant's expiry deadline is a db-scheduler row in the same database. */
    @Test
    void a_grant_writes_its_expiry_deadline_to_the_scheduler_table() {
        CommandGateway commands = app.getBean(CommandGateway.class);
        Instant at = Instant.parse("2026-03-01T01:03:00Z");
        Instant expiresAt = Instant.parse("2026-05-30T01:03:00.456Z");
        ProviderId provider = new ProviderId("pg-deadline");
        AccountId account = new AccountId("pg-deadline-acc");
        commands.sendAndWait(new RegisterProvider(provider, "Deadline", new ProviderCredentialId("cred-1"), at));
        commands.sendAndWait(new PublishTermsVersion(new TermsVersionId("pg-terms"), Instant.parse("2020-01-01T00:00:00Z"),
                "e".repeat(64), at));
        commands.sendAndWait(new RegisterAccount(account, new CustomerId("pg-cust"), CustomerType.CORPORATE,
                AccountType.ORDINARY_DEPOSIT, false, new TermsVersionId("pg-terms"), "ekyc", provider, at,
                at.plus(Duration.ofDays(365))));
        commands.sendAndWait(new GrantLinkage(account, new LinkageId("pg-deadline-lnk"), provider, Set.of(Scope.BALANCE),
                List.of(), new TokenHash("0f".repeat(32)), at, expiresAt));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM " + DurableDeadlines.TABLE + " WHERE execution_time = ?")
                .param(expiresAt.atOffset(java.time.ZoneOffset.UTC)).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void the_axonserver_profile_wires_the_connector_and_is_not_ready_without_a_server() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ConfigurableApplicationContext withServer = new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("postgres", "axonserver")
                .run(args("--axon.axonserver.servers=localhost:" + closedPort))) {
            assertThat(withServer.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
            assertThat(withServer.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
            assertThat(withServer.getBeansOfType(EventStorageEngine.class)).isEmpty();

            // The context starts (no hang) and says why it is not ready; the connector keeps reconnecting.
            HealthEndpoint health = withServer.getBean(HealthEndpoint.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.DOWN));
            assertThat(((Health) health.healthForPath("axonServer")).getDetails())
                    .containsEntry("default.connection.active", "DOWN");

            // Tamper evidence on Axon Server: an event published is linked in its metadata before it is stored. Axon
            // intercepts a unit of work's events as it commits; an interceptor registered now runs after the ledger's
            // and stops the commit there, so nothing is sent to the absent server.
            EventStore events = withServer.getBean(EventStore.class);
            List<EventMessage<?>> staged = new java.util.ArrayList<>();
            events.registerDispatchInterceptor(messages -> {
                staged.addAll(messages);
                throw new IllegalStateException("stopped before the absent server");
            });
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            events.publish(new GenericDomainEventMessage<>("Provider", "prov-axon", 0, new ProviderSuspendedEvent(
                    new ProviderId("prov-axon"), "review", Instant.parse("2026-09-01T00:00:00Z"))));
            org.assertj.core.api.Assertions.assertThatThrownBy(unitOfWork::commit).hasMessageContaining("absent server");
            assertThat(staged).singleElement().satisfies(event -> assertThat(event.getMetaData())
                    .containsEntry(EventChain.PREVIOUS_HASH, EventChain.GENESIS).containsKey(EventChain.CHAIN_HASH));
        }
    }
}
