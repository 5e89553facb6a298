package jp.consentledger.query.audit;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import jp.consentledger.query.audit.index.AuditIndexProjection;
import jp.consentledger.query.audit.index.EventRows;
import jp.consentledger.kernel.breach.BreachKind;
import jp.consentledger.kernel.breach.BreachReportedEvent;
import jp.consentledger.kernel.breach.BreachResolvedEvent;
import jp.consentledger.kernel.breach.DisclosureRecordedEvent;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.ids.SuspensionId;
import jp.consentledger.kernel.service.ServiceSuspensionDeclaredEvent;
import jp.consentledger.kernel.service.ServiceSuspensionLiftedEvent;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit index writes a processor batch's rows at its end, in its transaction. Indexed in one batch, a
 * history whose lifts, disclosures and resolutions follow their declarations in the same batch gives the
 * rows the index gives event by event (as a replay's rebuild writes them); an event that fills a gap is
 * indexed at its own position; a batch that fails to write leaves nothing behind.
 */
class AuditIndexBatchTest extends SharedAuditStore {
    private static final Instant T = Instant.parse("2026-07-01T00:00:00Z");
    private static final List<String> TABLES = List.of("audit_event", "audit_subject", "audit_reference", "audit_linkage");

    @Autowired
    EventStore eventStore;
    @Autowired
    EventRows rows;
    @Autowired
    ConnectionProvider connections;
    @Autowired
    TransactionManager transactions;

    private static boolean written;

    @Test
    void oneBatchThatLiftsDisclosesAndResolvesWhatItDeclaredIndexesAsEventByEvent() throws Exception {
        List<TrackedEventMessage<?>> stream = history();
        try (Index oneByOne = new Index(); Index batched = new Index()) {
            AnnotationEventHandlerAdapter eventByEvent = oneByOne.projection();
            for (TrackedEventMessage<?> message : stream) {
                eventByEvent.handle(message);
            }
            assertThat(batched.inOneBatch(stream).isExceptional()).isFalse();

            for (String table : TABLES) {
                assertThat(batched.rows(table)).as(table).isNotEmpty().containsExactlyInAnyOrderElementsOf(oneByOne.rows(table));
            }
            // What the later events bear on comes from their declarations, written in the same batch.
            assertThat(batched.subjectsOf(DisclosureRecordedEvent.class, "batch-brc"))
                    .containsExactlyInAnyOrder("LINKAGE batch-l0", "PROVIDER batch-p0", "PROVIDER batch-p1");
            assertThat(batched.subjectsOf(BreachResolvedEvent.class, "batch-brc"))
                    .containsExactlyInAnyOrder("LINKAGE batch-l0", "PROVIDER batch-p0");
            assertThat(batched.subjectsOf(ServiceSuspensionLiftedEvent.class, "batch-svs0")).containsExactly("PROVIDER batch-p0");
            assertThat(batched.subjectsOf(ServiceSuspensionLiftedEvent.class, "batch-svs1")).containsExactly("SERVICE *");
        }
    }

    @Test
    @DisabledIfSystemProperty(named = "ledger.test.event-engine", matches = "in-memory",
            disabledReason = "gaps are the JDBC table's: a transaction that commits after a later one")
    void anEventThatFillsAGapIsIndexedAtItsOwnPosition() throws Exception {
        List<TrackedEventMessage<?>> stream = history();
        // A transaction that committed late: its event comes after the head, under the token's highest position
        // (a gap-aware token's position), as a tracking processor hands it over once the gap fills.
        int late = stream.size() - 4;
        List<TrackedEventMessage<?>> delivered = new ArrayList<>(stream);
        TrackedEventMessage<?> filler = delivered.remove(late);
        long head = stream.get(stream.size() - 1).trackingToken().position().orElseThrow();
        delivered.add(new GenericTrackedDomainEventMessage<>(GapAwareTrackingToken.newInstance(head, Set.of()),
                (DomainEventMessage<?>) filler));
        try (Index inOrder = new Index(); Index gapFilled = new Index()) {
            assertThat(inOrder.inOneBatch(stream).isExceptional()).isFalse();
            assertThat(gapFilled.inOneBatch(delivered).isExceptional()).isFalse();

            for (String table : TABLES) {
                assertThat(gapFilled.rows(table)).as(table).containsExactlyInAnyOrderElementsOf(inOrder.rows(table));
            }
        }
    }

    @Test
    void aBatchThatFailsToWriteLeavesNothingBehind() throws Exception {
        List<TrackedEventMessage<?>> stream = history();
        try (Index index = new Index()) {
            long last = stream.get(stream.size() - 1).trackingToken().position().orElseThrow();
            index.jdbc.update("INSERT INTO read_model.audit_event (global_index, event_id, aggregate_id, sequence_number,"
                    + " payload_type, occurred_at, recorded_at, payload) VALUES (?, 'x', 'x', 0, 'x', ?, ?, '{}')",
                    last, T.atOffset(ZoneOffset.UTC), T.atOffset(ZoneOffset.UTC));

            ResultMessage<?> result = index.inOneBatch(stream);

            assertThat(result.isExceptional()).isTrue();
            assertThat(result.exceptionResult()).isInstanceOf(DuplicateKeyException.class);
            assertThat(index.rows("audit_event")).hasSize(1);
            assertThat(index.rows("audit_subject")).isEmpty();
            assertThat(index.rows("audit_reference")).isEmpty();
            assertThat(index.rows("audit_linkage")).isEmpty();
        }
    }

    /** Breach and suspensions declared, then disclosed, lifted and resolved; the whole stream so far, as tracked. */
    private List<TrackedEventMessage<?>> history() throws InterruptedException {
        if (!written) {
            written = true;
            TestLedger ledger = new TestLedger(connections, transactions);
            ledger.terms("batch-terms", T, T);
            ledger.provider("batch-p0", T);
            ledger.provider("batch-p1", T);
            ledger.account("batch-a0", "batch-terms", T, Duration.ofDays(2));
            ledger.grant("batch-l0", "batch-a0", "batch-p0", Set.of(Scope.BALANCE), "batch-terms", T.plusSeconds(1), Duration.ofDays(1));
            Instant at = T.plusSeconds(2);
            ledger.append("Breach", "batch-brc", new BreachReportedEvent(new BreachId("batch-brc"), BreachKind.DATA_LEAK,
                    at.minusSeconds(60), "leak", "operator", Set.of(new ProviderId("batch-p0")), Set.of(),
                    Set.of(new LinkageId("batch-l0")), false, at), at);
            ledger.append("ServiceSuspension", "batch-svs0", new ServiceSuspensionDeclaredEvent(new SuspensionId("batch-svs0"),
                    at, at.plusSeconds(3600), new ProviderId("batch-p0"), "maintenance", at), at);
            ledger.append("ServiceSuspension", "batch-svs1", new ServiceSuspensionDeclaredEvent(new SuspensionId("batch-svs1"),
                    at, at.plusSeconds(3600), null, "maintenance", at), at);
            at = T.plusSeconds(3);
            ledger.append("Breach", "batch-brc", new DisclosureRecordedEvent(new BreachId("batch-brc"), "batch-disclosure",
                    new ProviderId("batch-p1"), null, List.of("name"), "clause 9", at), at);
            ledger.append("ServiceSuspension", "batch-svs0", new ServiceSuspensionLiftedEvent(new SuspensionId("batch-svs0"), at), at);
            ledger.append("ServiceSuspension", "batch-svs1", new ServiceSuspensionLiftedEvent(new SuspensionId("batch-svs1"), at), at);
            ledger.append("Breach", "batch-brc", new BreachResolvedEvent(new BreachId("batch-brc"), "fixed", at), at);
        }
        long head = rows.head();
        List<TrackedEventMessage<?>> messages = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (messages.isEmpty() || messages.get(messages.size() - 1).trackingToken().position().orElseThrow() < head) {
                assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).as("the stream reaches the head").isTrue();
                messages.add(stream.nextAvailable());
            }
        }
        return messages;
    }

    /** A fresh read-model database, migrated like the query side's, with an audit index writing into it. */
    private final class Index implements AutoCloseable {
        final DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:audit-batch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        Index() {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/query/h2")
                    .table("flyway_history_query").load().migrate();
        }

        AnnotationEventHandlerAdapter projection() {
            return new AnnotationEventHandlerAdapter(new AuditIndexProjection(jdbc, rows));
        }

        /** As a tracking processor hands a batch over: one unit of work, one transaction, every message in it. */
        ResultMessage<?> inOneBatch(List<TrackedEventMessage<?>> messages) {
            AnnotationEventHandlerAdapter projection = projection();
            BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
            unitOfWork.attachTransaction(new SpringTransactionManager(new DataSourceTransactionManager(dataSource)));
            return unitOfWork.executeWithResult(() -> projection.handle(unitOfWork.getMessage()),
                    RollbackConfigurationType.ANY_THROWABLE);
        }

        @Override
        public void close() {
            jdbc.execute("SHUTDOWN");
        }

        List<String> rows(String table) {
            return jdbc.queryForList("SELECT * FROM read_model." + table).stream()
                    .map(row -> new TreeMap<>(row).toString()).toList();
        }

        List<String> subjectsOf(Class<?> payloadType, String aggregateId) {
            return jdbc.queryForList("SELECT s.subject_kind || ' ' || s.subject_id FROM read_model.audit_subject s"
                    + " JOIN read_model.audit_event e ON e.global_index = s.global_index"
                    + " WHERE e.payload_type = ? AND e.aggregate_id = ?", String.class, payloadType.getName(), aggregateId);
        }
    }
}
