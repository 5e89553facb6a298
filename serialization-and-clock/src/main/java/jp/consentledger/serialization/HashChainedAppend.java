package jp.consentledger.serialization;

import jp.consentledger.kernel.audit.EventChain;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends events to the event table as Axon does, and links each into its aggregate's hash chain
 * ({@link EventChain}) in the same statement: the row's chain_hash covers its exact stored bytes and the
 * previous event's chain_hash. The previous hash is read in the appending transaction from the row at
 * (aggregate, sequence - 1); the unique (aggregate, sequence) constraint rejects a concurrent writer of
 * the same sequence, so each aggregate's chain stays linear.
 */
public final class HashChainedAppend implements AppendEventsStatementBuilder {
    /** The chained row's insert, with {@link #bind}: also for tests that write a stored row as an older ledger did. */
    public static final String INSERT = "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier,"
            + " sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data,"
            + " previous_hash, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PREVIOUS = "SELECT chain_hash FROM domain_event_entry"
            + " WHERE aggregate_identifier = ? AND sequence_number = ?";

    /**
     * The timestamp is written as the string {@link DateTimeUtils#formatInstant} gives (what Axon's default
     * writer stores), because the chain must hash the exact stored string.
     */
    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        if (dataType != byte[].class || !"domain_event_entry".equals(schema.domainEventTable())) {
            throw new IllegalStateException("the hash chain is written to domain_event_entry with binary payloads");
        }
        Map<String, String> lastInBatch = new HashMap<>();
        PreparedStatement insert = connection.prepareStatement(INSERT);
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = EventUtils.asDomainEventMessage(message);
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
            EventChain.StoredRow stored = new EventChain.StoredRow(event.getIdentifier(),
                    event.getAggregateIdentifier(), event.getSequenceNumber(), event.getType(),
                    DateTimeUtils.formatInstant(event.getTimestamp()), payload.getType().getName(),
                    payload.getType().getRevision(), payload.getData(), metaData.getData());
            String previous = lastInBatch.containsKey(stored.aggregateIdentifier())
                    ? lastInBatch.get(stored.aggregateIdentifier())
                    : previousHash(connection, stored.aggregateIdentifier(), stored.sequenceNumber());
            String hash = EventChain.link(previous, stored);
            lastInBatch.put(stored.aggregateIdentifier(), hash);

            bind(insert, stored, previous, hash);
            insert.addBatch();
        }
        return insert;
    }

    /** Sets {@link #INSERT}'s parameters: the row's columns and its two chain columns. */
    public static void bind(PreparedStatement insert, EventChain.StoredRow stored, String previousHash, String chainHash)
            throws SQLException {
        insert.setString(1, stored.eventIdentifier());
        insert.setString(2, stored.aggregateIdentifier());
        insert.setLong(3, stored.sequenceNumber());
        insert.setString(4, stored.type());
        insert.setString(5, stored.timeStamp());
        insert.setString(6, stored.payloadType());
        insert.setString(7, stored.payloadRevision());
        insert.setBytes(8, stored.payload());
        insert.setBytes(9, stored.metaData());
        insert.setString(10, previousHash);
        insert.setString(11, chainHash);
    }

    private static String previousHash(Connection connection, String aggregateIdentifier, long sequenceNumber)
            throws SQLException {
        if (sequenceNumber == 0) {
            return EventChain.GENESIS;
        }
        try (PreparedStatement select = connection.prepareStatement(PREVIOUS)) {
            select.setString(1, aggregateIdentifier);
            select.setLong(2, sequenceNumber - 1);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next() && rs.getString(1) != null) {
                    return rs.getString(1);
                }
            }
        }
        // No linked predecessor: refuse rather than start a second chain for the aggregate.
        throw new IllegalStateException("No chained event " + (sequenceNumber - 1) + " of aggregate "
                + aggregateIdentifier + " to link event " + sequenceNumber + " to");
    }
}
