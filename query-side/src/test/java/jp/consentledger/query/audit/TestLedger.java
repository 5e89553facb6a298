package jp.consentledger.query.audit;

import jp.consentledger.kernel.provider.ProviderCredentialId;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.account.AccountType;
import jp.consentledger.kernel.account.CustomerType;
import jp.consentledger.kernel.audit.EventChain;
import jp.consentledger.serialization.HashChainedAppend;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.serialization.EventStoreContract;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.token.TokenHasher;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.terms.TermsVersionPublishedEvent;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import jp.consentledger.serialization.ChainLinking;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.messaging.MetaData;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The command side's writing, reduced to what the audit tests need: events appended through the same
 * hash-chaining storage engine, each with the recorded time (Axon timestamp) the test chooses.
 * Public for the query side's other tests that need a store with events (the gateway role's).
 */
public final class TestLedger {
    public static final String HMAC_SECRET = "embedded-demo-secret-change-me-0123456789abcdef";
    static final TokenHasher HASHER = new TokenHasher(HMAC_SECRET.getBytes(StandardCharsets.UTF_8));

    private final EventStorageEngine engine;
    /** Axon's in-memory engine when the audit tests run on it: the events carry their links in their metadata. */
    private final boolean linksInMetaData;
    private final ConnectionProvider connections;
    private final Map<String, Long> sequences = new HashMap<>();

    public TestLedger(ConnectionProvider connections, TransactionManager transactions) {
        this.connections = connections;
        EventStorageEngine inMemory = AuditTestContext.inMemoryEngineOf(connections).orElse(null);
        this.linksInMetaData = inMemory != null;
        this.engine = inMemory != null ? inMemory : JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .eventSerializer(EventStoreContract.serializer())
                .snapshotSerializer(EventStoreContract.serializer())
                .schema(EventStoreContract.eventSchema())
                .appendEvents(new HashChainedAppend())
                .build();
    }

    /** Creates the command side's event table in the H2 database the query side will join. */
    public static void createEventStore(String url) {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("RUNSCRIPT FROM 'classpath:event-store-h2.sql'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends one event of aggregate {@code aggregateId}, recorded at {@code recordedAt}. */
    public void append(String aggregateType, String aggregateId, Object payload, Instant recordedAt) {
        long sequence = sequences.merge(aggregateId, 0L, (old, ignored) -> old + 1);
        List<EventMessage<?>> events = List.of(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload,
                MetaData.with("traceId", UUID.randomUUID().toString()), UUID.randomUUID().toString(), recordedAt));
        engine.appendEvents(linksInMetaData
                ? ChainLinking.link(events, new HashMap<>(), (aggregate, next) -> ChainLinking.headOf(engine::readEvents,
                aggregate, next - 1, EventStoreContract.serializer()), EventStoreContract.serializer()) : events);
    }

    /** How many events the store holds, whichever engine holds them. */
    public long storedCount() {
        return engine.readEvents(null, false).count();
    }

    /** The position of the store's last event. */
    public long lastPosition() {
        return engine.createHeadToken().position().orElseThrow();
    }


    public void provider(String providerId, Instant at) {
        append("Provider", providerId, new ProviderRegisteredEvent(new ProviderId(providerId), "Provider " + providerId,
                new ProviderCredentialId("cred-" + providerId), at), at);
    }

    /**
     * A registration as ledgers recorded it before credentials had ids: revision 1, with the secret's
     * bcrypt hash in the payload; written as stored bytes, linked into the hash chain as the command side did.
     */
    public void legacyProvider(String providerId, String secretHash, Instant at) {
        if (linksInMetaData) {
            throw new UnsupportedOperationException("rows of an older ledger exist only in its JDBC store");
        }
        long sequence = sequences.merge(providerId, 0L, (old, ignored) -> old + 1);
        String json = "{\"providerId\":\"" + providerId + "\",\"name\":\"Provider " + providerId + "\",\"secretHash\":\""
                + secretHash + "\",\"registeredAt\":\"" + at + "\"}";
        EventChain.StoredRow row = new EventChain.StoredRow(UUID.randomUUID().toString(), providerId, sequence, "Provider",
                DateTimeUtils.formatInstant(at), ProviderRegisteredEvent.class.getName(), "1",
                json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        String previous = EventChain.GENESIS;
        try (Connection connection = connections.getConnection();
             PreparedStatement insert = connection.prepareStatement(HashChainedAppend.INSERT)) {
            HashChainedAppend.bind(insert, row, previous, EventChain.link(previous, row));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void terms(String version, Instant effectiveFrom, Instant at) {
        append("TermsVersion", version, new TermsVersionPublishedEvent(new TermsVersionId(version), effectiveFrom,
                "a".repeat(64), at), at);
    }

    public void account(String accountId, String termsVersion, Instant at, Duration validity) {
        append("Account", accountId, new AccountRegisteredEvent(new AccountId(accountId), new CustomerId("cust-" + accountId),
                CustomerType.INDIVIDUAL, AccountType.ORDINARY_DEPOSIT, true, new TermsVersionId(termsVersion),
                "idv-" + accountId, new ProviderId("prov-a"), at, at.plus(validity)), at);
    }

    public static TokenHash tokenHash(String linkageId) {
        return HASHER.hash("token-of-" + linkageId);
    }

    public void grant(String linkageId, String accountId, String providerId, Set<Scope> scopes, String termsVersion,
               Instant at, Duration validity) {
        append("Account", accountId, new LinkageGrantedEvent(new LinkageId(linkageId), new AccountId(accountId),
                new CustomerId("cust-" + accountId), new ProviderId(providerId), EnumSet.copyOf(scopes), List.of(),
                tokenHash(linkageId), new TermsVersionId(termsVersion), at, at.plus(validity)), at);
    }
}
