package jp.consentledger.query.audit.index;

import jp.consentledger.kernel.audit.EventChain;
import jp.consentledger.kernel.audit.EventChain.StoredRow;
import jp.consentledger.query.role.FullNode;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The event table as stored, row by row, for the audit: the exact bytes the chain covers and the
 * chain columns. Read with plain JDBC, because the audit must see what is stored, not what Axon
 * deserializes from it.
 */
@FullNode
@Component
public class EventRows {
    public static final int PAGE = 1000;
    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type,"
            + " time_stamp, payload_type, payload_revision, payload, meta_data, previous_hash, chain_hash";
    private static final String LINKED_COLUMNS = "e." + COLUMNS.replace(", ", ", e.");

    private final JdbcClient jdbc;

    public EventRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(long globalIndex, StoredRow event, String previousHash, String chainHash) {
        /** Whether the stored chain hash is the hash of this row's bytes linked to its stored previous hash. */
        public boolean selfConsistent() {
            return chainHash != null && previousHash != null && chainHash.equals(EventChain.link(previousHash, event));
        }
    }

    private static final RowMapper<Row> MAPPER = (rs, n) -> new Row(rs.getLong("global_index"),
            new StoredRow(rs.getString("event_identifier"), rs.getString("aggregate_identifier"),
                    rs.getLong("sequence_number"), rs.getString("type"), rs.getString("time_stamp"),
                    rs.getString("payload_type"), rs.getString("payload_revision"), rs.getBytes("payload"),
                    rs.getBytes("meta_data")),
            trim(rs.getString("previous_hash")), trim(rs.getString("chain_hash")));

    /** Every row, in global order, a page at a time. */
    public void forEach(Consumer<Row> consumer) {
        long after = Long.MIN_VALUE;
        while (true) {
            List<Row> page = jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry WHERE global_index > ?"
                    + " ORDER BY global_index FETCH FIRST " + PAGE + " ROWS ONLY").param(after).query(MAPPER).list();
            for (Row row : page) {
                consumer.accept(row);
                after = row.globalIndex();
            }
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    public Optional<Row> at(long globalIndex) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry WHERE global_index = ?")
                .param(globalIndex).query(MAPPER).optional();
    }

    /** The row of the event with this identifier (an event that filled a gap, found outside its batch's range). */
    public Optional<Row> withIdentifier(String eventIdentifier) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry WHERE event_identifier = ?")
                .param(eventIdentifier).query(MAPPER).optional();
    }

    /** The rows from {@code from} to {@code to} inclusive, in global order (one processor batch's worth). */
    public List<Row> between(long from, long to) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry WHERE global_index BETWEEN ? AND ?"
                + " ORDER BY global_index").params(from, to).query(MAPPER).list();
    }

    /** A row with the chain hash stored for the previous event of its aggregate (null if there is none). */
    public record LinkedRow(Row row, String predecessorChainHash) {
    }

    /**
     * The next page of rows after {@code afterGlobalIndex}, each joined to its aggregate's previous row,
     * so a page's links are checked without a query per row.
     */
    public List<LinkedRow> linkedPageAfter(long afterGlobalIndex) {
        return jdbc.sql("SELECT " + LINKED_COLUMNS + ", p.chain_hash AS predecessor_chain_hash"
                        + " FROM domain_event_entry e LEFT JOIN domain_event_entry p"
                        + " ON p.aggregate_identifier = e.aggregate_identifier AND p.sequence_number = e.sequence_number - 1"
                        + " WHERE e.global_index > ? ORDER BY e.global_index FETCH FIRST " + PAGE + " ROWS ONLY")
                .param(afterGlobalIndex)
                .query((rs, n) -> new LinkedRow(MAPPER.mapRow(rs, n), trim(rs.getString("predecessor_chain_hash"))))
                .list();
    }

    public long head() {
        return jdbc.sql("SELECT COALESCE(MAX(global_index), -1) FROM domain_event_entry").query(Long.class).single();
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
