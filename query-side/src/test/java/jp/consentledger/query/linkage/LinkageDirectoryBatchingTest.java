package jp.consentledger.query.linkage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.consentledger.kernel.provider.ProviderCredentialId;
import jp.consentledger.kernel.account.AccountClosedEvent;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.account.AccountResumedEvent;
import jp.consentledger.kernel.account.AccountSuspendedEvent;
import jp.consentledger.kernel.account.AccountType;
import jp.consentledger.kernel.account.CustomerType;
import jp.consentledger.kernel.account.RegistrationRenewedEvent;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.query.position.EventPositions;
import jp.consentledger.kernel.linkage.LinkageAmendedEvent;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.linkage.LinkageResumedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationRequestedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.linkage.LinkageSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The directory folds a processor batch in memory and writes it when the batch commits: whatever the
 * batches, the rows must be those of applying the events one by one, on both databases, and a batch
 * that cannot be written must leave nothing behind. Drives the projection the way the pooled processor
 * does (one BatchingUnitOfWork per batch, in a Spring transaction) and the way the audit replay does (no
 * unit of work).
 */
class LinkageDirectoryBatchingTest {
    private static final Instant T0 = Instant.parse("2026-04-01T00:00:00.123Z");
    private static final String[] TABLES = {"rm_provider", "rm_account", "rm_linkage"};
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    /** A directory in a fresh, migrated database of the vendor, with its projection and transactions. */
    private record Directory(JdbcClient jdbc, TransactionManager transactions, AnnotationEventHandlerAdapter handlers) {
        static Directory fresh(String vendor) {
            DataSource dataSource;
            if (vendor.equals("h2")) {
                dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
            } else {
                String database = "d" + UUID.randomUUID().toString().replace("-", "");
                JdbcClient.create(postgres.getPostgresDatabase()).sql("CREATE DATABASE " + database).update();
                dataSource = postgres.getDatabase("postgres", database);
            }
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/query/" + vendor).load().migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            return new Directory(jdbc, new SpringTransactionManager(new DataSourceTransactionManager(dataSource)),
                    new AnnotationEventHandlerAdapter(new LinkageDirectoryProjection(jdbc, new EventPositions(jdbc, false))));
        }

        /** One processor batch: handled in one unit of work, in one transaction. */
        void batch(List<TrackedEventMessage<?>> events) {
            BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
            unitOfWork.attachTransaction(transactions);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> handlers.handle(unitOfWork.getMessage()));
            if (result.isExceptional()) {
                throw new IllegalStateException(result.exceptionResult());
            }
        }

        /** The events in batches of {@code size}. */
        Directory batches(List<TrackedEventMessage<?>> events, int size) {
            for (int from = 0; from < events.size(); from += size) {
                batch(events.subList(from, Math.min(events.size(), from + size)));
            }
            return this;
        }

        /** As the audit replay drives it: handlers called directly, outside any unit of work. */
        Directory withoutUnitOfWork(List<TrackedEventMessage<?>> events) throws Exception {
            for (TrackedEventMessage<?> event : events) {
                handlers.handle(event);
            }
            return this;
        }

        Map<String, List<Map<String, Object>>> rows() {
            Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
            for (String table : TABLES) {
                rows.put(table, jdbc.sql("SELECT * FROM read_model." + table + " ORDER BY 1").query().listOfRows());
            }
            return rows;
        }

        Map<String, Object> row(String table, String key, String id) {
            return jdbc.sql("SELECT * FROM read_model." + table + " WHERE " + key + " = ?").param(id).query().singleRow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anyBatchingOfAHistoryLeavesTheRowsOfApplyingItsEventsOneByOne(String vendor) throws Exception {
        List<TrackedEventMessage<?>> history = history();

        Directory oneByOne = Directory.fresh(vendor).batches(history, 1);
        Map<String, List<Map<String, Object>>> expected = oneByOne.rows();

        assertThat(Directory.fresh(vendor).batches(history, history.size()).rows()).isEqualTo(expected);
        assertThat(Directory.fresh(vendor).batches(history, 4).rows()).isEqualTo(expected);
        assertThat(Directory.fresh(vendor).withoutUnitOfWork(history).rows()).isEqualTo(expected);

        // ... and those rows are the history's, to the last event on each row.
        long last = history.size() - 1;
        assertThat(oneByOne.row("rm_provider", "provider_id", "prov-a"))
                .containsEntry("status", "ACTIVE").containsEntry("last_event_position", 2L);
        assertThat(oneByOne.row("rm_account", "account_id", "acct-1")).containsEntry("status", "CLOSED")
                .containsEntry("terms_version", "v2").containsEntry("last_event_position", last);
        Map<String, Object> revokedAtBank = oneByOne.row("rm_linkage", "linkage_id", "lnk-a");
        assertThat(revokedAtBank).containsEntry("status", "REVOKED").containsEntry("suspended", false)
                .containsEntry("scopes", "BALANCE").containsEntry("chained_recipients", "[\"recipient-1\"]")
                .containsEntry("last_event_position", last - 2);
        assertThat(instant(revokedAtBank.get("revoked_at"))).isEqualTo(at(last - 2));
        assertThat(instant(revokedAtBank.get("last_event_at"))).isEqualTo(at(last - 2));
        assertThat(revokedAtBank.get("revocation_requested_at")).isNull();
        Map<String, Object> confirmed = oneByOne.row("rm_linkage", "linkage_id", "lnk-b");
        assertThat(confirmed).containsEntry("status", "REVOKED");
        assertThat(confirmed.get("revocation_requested_at")).isNotNull();
        assertThat(confirmed.get("revoked_at")).isNotNull();
        Map<String, Object> untouched = oneByOne.row("rm_linkage", "linkage_id", "lnk-c");
        assertThat(untouched).containsEntry("status", "ACTIVE").containsEntry("scopes", "BALANCE,TRANSACTIONS");
        assertThat(untouched.get("revoked_at")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aBatchThatCannotBeWrittenLeavesNothingOfItself(String vendor) {
        List<TrackedEventMessage<?>> history = history();
        Directory directory = Directory.fresh(vendor).batches(history.subList(0, 6), 6);
        Map<String, List<Map<String, Object>>> before = directory.rows();

        // The rest of the history, and a second grant of a linkage the directory already holds: its INSERT
        // fails when the batch is written, after the other rows' changes were issued.
        List<TrackedEventMessage<?>> failing = new ArrayList<>(history.subList(6, history.size()));
        failing.add(event(history.size(), grant(new LinkageId("lnk-a"), new AccountId("acct-1"), new ProviderId("prov-a"), 4)));

        assertThatThrownBy(() -> directory.batch(failing)).isInstanceOf(RuntimeException.class);
        assertThat(directory.rows()).isEqualTo(before);
    }

    /**
     * A provider, an account and its three linkages through most of their lives, in the order the ledger
     * could record them; event {@code i} is at position {@code i}, recorded at {@link #at(long)}.
     */
    private static List<TrackedEventMessage<?>> history() {
        ProviderId provider = new ProviderId("prov-a");
        AccountId account = new AccountId("acct-1");
        LinkageId a = new LinkageId("lnk-a");
        LinkageId b = new LinkageId("lnk-b");
        LinkageId c = new LinkageId("lnk-c");
        List<Object> events = new ArrayList<>();
        events.add(new ProviderRegisteredEvent(provider, "Provider A", new ProviderCredentialId("cred-a"), at(0)));
        events.add(new ProviderSuspendedEvent(provider, "late reports", at(1)));
        events.add(new ProviderReinstatedEvent(provider, at(2)));
        events.add(new AccountRegisteredEvent(account, new CustomerId("cust-1"), CustomerType.INDIVIDUAL,
                AccountType.ORDINARY_DEPOSIT, true, new TermsVersionId("v1"), "idv-1", provider, at(3),
                at(3).plusSeconds(86_400 * 365)));
        events.add(grant(a, account, provider, 4));
        events.add(grant(b, account, provider, 5));
        events.add(new LinkageAmendedEvent(a, account, provider, EnumSet.of(Scope.BALANCE),
                List.of(new ChainedRecipient("recipient-1")), at(6)));
        events.add(new RegistrationRenewedEvent(account, new TermsVersionId("v2"), "idv-2", at(7),
                at(7).plusSeconds(86_400 * 730)));
        events.add(new LinkageSuspendedEvent(a, account, provider, "breach", null, at(8)));
        events.add(new LinkageRevocationRequestedEvent(b, account, provider, at(9), at(9)));
        events.add(new AccountSuspendedEvent(account, "investigation", at(10)));
        events.add(new LinkageRevocationConfirmedEvent(b, account, provider, at(11)));
        events.add(new LinkageResumedEvent(a, account, provider, at(12)));
        events.add(grant(c, account, provider, 13));
        events.add(new AccountResumedEvent(account, at(14)));
        events.add(new LinkageRevokedAtBankEvent(a, account, provider, "customer asked at the branch", at(15)));
        events.add(new AccountSuspendedEvent(account, "closing", at(16)));
        events.add(new AccountClosedEvent(account, "customer left", at(17)));
        List<TrackedEventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            messages.add(event(i, events.get(i)));
        }
        return messages;
    }

    private static LinkageGrantedEvent grant(LinkageId linkage, AccountId account, ProviderId provider, long position) {
        return new LinkageGrantedEvent(linkage, account, new CustomerId("cust-1"), provider,
                EnumSet.of(Scope.BALANCE, Scope.TRANSACTIONS), List.of(), new TokenHash("a".repeat(64)),
                new TermsVersionId("v1"), at(position), at(position).plusSeconds(86_400 * 90));
    }

    private static TrackedEventMessage<?> event(long position, Object payload) {
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                new GenericDomainEventMessage<>("Aggregate", "aggregate", position, payload, MetaData.emptyInstance(),
                        UUID.randomUUID().toString(), at(position)));
    }

    private static Instant at(long position) {
        return T0.plusMillis(1_000 * position + position);
    }

    private static Instant instant(Object column) {
        return column instanceof OffsetDateTime value ? value.toInstant() : ((Timestamp) column).toInstant();
    }
}
