package jp.consentledger.bench.history;

import jp.consentledger.kernel.audit.EventChain;
import jp.consentledger.serialization.EventStoreContract;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.kernel.terms.TermsVersionPublishedEvent;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes events into a store (the embedded default's PostgreSQL, or H2) as the command side's JDBC event store would (same
 * table, same serializer, same metadata keys), in batches, and keeps the command side's lookup tables consistent with them, as
 * its subscribing "command-lookups" processor would in the same transaction. Deadlines (expiry and
 * lapse records) are not scheduled: validity never waits for them, and a booted command side only
 * records those of the linkages it grants itself.
 */
public final class JdbcEventSink implements HistoryGenerator.EventSink, AutoCloseable {
    private static final int BATCH = 1000;
    private static final int COMMIT_EVERY = 20_000;
    /**
     * The command side's secondary indexes (its Flyway scripts) on the tables the generator fills, dropped
     * while it writes and created again, with the same names and columns, on close. Their keys are random
     * (event and aggregate identifiers), so keeping them up to date row by row rewrites most of their pages
     * at every commit; the database builds each one in a single sorted pass instead. Recreating the unique constraints
     * also checks the generated rows against them.
     */
    private static final List<String[]> DEFERRED_INDEXES = List.of(
            new String[]{"ALTER TABLE domain_event_entry DROP CONSTRAINT uk_domain_event_identifier",
                    "ALTER TABLE domain_event_entry ADD CONSTRAINT uk_domain_event_identifier UNIQUE (event_identifier)"},
            new String[]{"ALTER TABLE domain_event_entry DROP CONSTRAINT uk_domain_event_aggregate_sequence",
                    "ALTER TABLE domain_event_entry ADD CONSTRAINT uk_domain_event_aggregate_sequence"
                            + " UNIQUE (aggregate_identifier, sequence_number)"},
            new String[]{"DROP INDEX ix_cmd_linkage_route_account",
                    "CREATE INDEX ix_cmd_linkage_route_account ON cmd_linkage_route (account_id)"},
            new String[]{"DROP INDEX ix_cmd_linkage_route_provider",
                    "CREATE INDEX ix_cmd_linkage_route_provider ON cmd_linkage_route (provider_id)"});

    private final Connection connection;
    private final Serializer serializer = EventStoreContract.serializer();
    private final SplittableRandom random = new SplittableRandom(42);
    private final PreparedStatement events;
    private final PreparedStatement routes;
    private final PreparedStatement accounts;
    private final PreparedStatement revocations;
    private long globalIndex;
    /** Each generated aggregate's chain head, so the rows link exactly as the command side links them. */
    private final Map<String, String> chainHeads = new HashMap<>();
    private int pendingEvents;
    private int pendingRoutes;
    private int pendingAccounts;
    private int pendingRevocations;
    private int uncommitted;

    public JdbcEventSink(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String[] index : DEFERRED_INDEXES) {
                statement.execute(index[0]);
            }
        }
        connection.commit();
        EventSchema schema = EventStoreContract.eventSchema();
        try (Statement statement = connection.createStatement();
             ResultSet max = statement.executeQuery("SELECT COALESCE(MAX(" + schema.globalIndexColumn() + "), 0) FROM "
                     + schema.domainEventTable())) {
            max.next();
            this.globalIndex = max.getLong(1);
        }
        // Global indexes are given explicitly: drawing each from the identity sequence makes H2 write its
        // whole store every few rows. The sequence is moved past them on close.
        this.events = connection.prepareStatement("INSERT INTO " + schema.domainEventTable() + " ("
                + String.join(", ", schema.globalIndexColumn(), schema.eventIdentifierColumn(), schema.aggregateIdentifierColumn(),
                schema.sequenceNumberColumn(), schema.typeColumn(), schema.timestampColumn(), schema.payloadTypeColumn(),
                schema.payloadRevisionColumn(), schema.payloadColumn(), schema.metaDataColumn(), "previous_hash", "chain_hash")
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.routes = connection.prepareStatement(
                "INSERT INTO cmd_linkage_route (linkage_id, account_id, provider_id, expires_at) VALUES (?, ?, ?, ?)");
        this.accounts = connection.prepareStatement("INSERT INTO cmd_account_directory (account_id) VALUES (?)");
        // Written after the routes they update, at the next flush (a route is never revoked before it is written).
        this.revocations = connection.prepareStatement("UPDATE cmd_linkage_route SET revoked = TRUE WHERE linkage_id = ?");
    }

    @Override
    public void append(String aggregateType, String aggregateId, long sequenceNumber, Object event, Instant recordedAt) {
        try {
            String messageId = uuid();
            SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
            // The correlation data Axon records for an event applied while handling a command.
            String commandId = uuid();
            SerializedObject<byte[]> metaData = serializer.serialize(
                    MetaData.from(Map.of("traceId", commandId, "correlationId", commandId)), byte[].class);
            String timeStamp = DateTimeUtils.formatInstant(recordedAt);
            String previousHash = sequenceNumber == 0 ? EventChain.GENESIS : chainHeads.get(aggregateId);
            if (previousHash == null) {
                throw new IllegalStateException("the generator extends only aggregates it created: " + aggregateId);
            }
            String chainHash = EventChain.link(previousHash, new EventChain.StoredRow(messageId, aggregateId,
                    sequenceNumber, aggregateType, timeStamp, payload.getType().getName(), payload.getType().getRevision(),
                    payload.getData(), metaData.getData()));
            chainHeads.put(aggregateId, chainHash);
            events.setLong(1, ++globalIndex);
            events.setString(2, messageId);
            events.setString(3, aggregateId);
            events.setLong(4, sequenceNumber);
            events.setString(5, aggregateType);
            events.setString(6, timeStamp);
            events.setString(7, payload.getType().getName());
            events.setString(8, payload.getType().getRevision());
            events.setBytes(9, payload.getData());
            events.setBytes(10, metaData.getData());
            events.setString(11, previousHash);
            events.setString(12, chainHash);
            events.addBatch();
            if (++pendingEvents == BATCH) {
                flushEvents();
            }
            lookup(event);
            if (++uncommitted >= COMMIT_EVERY) {
                commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the generated history", e);
        }
    }

    private void lookup(Object event) throws SQLException {
        if (event instanceof LinkageGrantedEvent e) {
            routes.setString(1, e.linkageId().value());
            routes.setString(2, e.accountId().value());
            routes.setString(3, e.providerId().value());
            routes.setTimestamp(4, Timestamp.from(e.expiresAt()));
            routes.addBatch();
            if (++pendingRoutes == BATCH) {
                flushRoutes();
            }
        } else if (event instanceof LinkageRevocationConfirmedEvent e) {
            revoked(e.linkageId().value());
        } else if (event instanceof LinkageRevokedAtBankEvent e) {
            revoked(e.linkageId().value());
        } else if (event instanceof AccountRegisteredEvent e) {
            accounts.setString(1, e.accountId().value());
            accounts.addBatch();
            if (++pendingAccounts == BATCH) {
                accounts.executeBatch();
                pendingAccounts = 0;
            }
        } else if (event instanceof ProviderRegisteredEvent e) {
            update("INSERT INTO cmd_provider_directory (provider_id, status) VALUES (?, ?)", e.providerId().value(), "ACTIVE");
        } else if (event instanceof ProviderSuspendedEvent e) {
            update("UPDATE cmd_provider_directory SET status = ? WHERE provider_id = ?", "SUSPENDED", e.providerId().value());
        } else if (event instanceof ProviderReinstatedEvent e) {
            update("UPDATE cmd_provider_directory SET status = ? WHERE provider_id = ?", "ACTIVE", e.providerId().value());
        } else if (event instanceof TermsVersionPublishedEvent e) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO cmd_terms_version (version, effective_from, published_at) VALUES (?, ?, ?)")) {
                statement.setString(1, e.version().value());
                statement.setTimestamp(2, Timestamp.from(e.effectiveFrom()));
                statement.setTimestamp(3, Timestamp.from(e.publishedAt()));
                statement.executeUpdate();
            }
        }
    }

    private void revoked(String linkageId) throws SQLException {
        revocations.setString(1, linkageId);
        revocations.addBatch();
        if (++pendingRevocations == BATCH) {
            flushRoutes(); // the route rows they update may still wait in their batch
            revocations.executeBatch();
            pendingRevocations = 0;
        }
    }

    private void update(String sql, String first, String second) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, first);
            if (second != null) {
                statement.setString(2, second);
            }
            statement.executeUpdate();
        }
    }

    private String uuid() {
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }


    private void flushEvents() throws SQLException {
        if (pendingEvents > 0) {
            events.executeBatch();
            pendingEvents = 0;
        }
    }

    private void flushRoutes() throws SQLException {
        if (pendingRoutes > 0) {
            routes.executeBatch();
            pendingRoutes = 0;
        }
    }

    private void commit() throws SQLException {
        flushEvents();
        flushRoutes();
        if (pendingAccounts > 0) {
            accounts.executeBatch();
            pendingAccounts = 0;
        }
        if (pendingRevocations > 0) {
            revocations.executeBatch();
            pendingRevocations = 0;
        }
        connection.commit();
        uncommitted = 0;
    }

    /** The global index of the last event written. */
    public long lastGlobalIndex() {
        return globalIndex;
    }

    @Override
    public void close() throws SQLException {
        commit();
        try (Statement statement = connection.createStatement()) {
            for (String[] index : DEFERRED_INDEXES) {
                statement.execute(index[1]);
            }
            // The next event the ledger appends takes the index after the last generated one.
            statement.execute(connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")
                    ? "SELECT setval('domain_event_entry_seq', " + Math.max(1, globalIndex) + ", " + (globalIndex > 0) + ")"
                    : "ALTER TABLE domain_event_entry ALTER COLUMN global_index RESTART WITH " + (globalIndex + 1));
        }
        connection.commit();
        events.close();
        routes.close();
        accounts.close();
        revocations.close();
    }
}
