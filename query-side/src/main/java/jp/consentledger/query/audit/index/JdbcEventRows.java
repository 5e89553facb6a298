package jp.consentledger.query.audit.index;

import jp.consentledger.kernel.audit.EventChain.StoredRow;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event table as stored, row by row, for the audit: the exact bytes the chain covers and the
 * chain columns (layout v1). Read with plain JDBC, because the audit must see what is stored, not what Axon
 * deserializes from it.
 */
public class JdbcEventRows implements EventRows {
    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type,"
            + " time_stamp, payload_type, payload_revision, payload, meta_data, previous_hash, chain_hash";
    private static final String LINKED_COLUMNS = "e." + COLUMNS.replace(", ", ", e.");

    private final JdbcClient jdbc;

    public JdbcEventRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final RowMapper<Row> MAPPER = (rs, n) -> new Row(rs.getLong("global_index"),
            new StoredRow(rs.getString("event_identifier"), rs.getString("aggregate_identifier"),
                    rs.getLong("sequence_number"), rs.getString("type"), rs.getString("time_stamp"),
                    rs.getString("payload_type"), rs.getString("payload_revision"), rs.getBytes("payload"),
                    rs.getBytes("meta_data")),
            trim(rs.getString("previous_hash")), trim(rs.getString("chain_hash")), 1);

    @Override
    public List<Row> pageAfter(long afterGlobalIndex) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry WHERE global_index > ?"
                + " ORDER BY global_index FETCH FIRST " + PAGE + " ROWS ONLY").param(afterGlobalIndex).query(MAPPER).list();
    }

    @Override
    public Optional<Row> at(long globalIndex) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry WHERE global_index = ?")
                .param(globalIndex).query(MAPPER).optional();
    }

    /**
     * A batch's tracking positions ascend, without holes but the store's own gaps, so its rows are read in one
     * range. An event that fills a gap comes with the token's highest position, not its own: it is found by its
     * identifier, at its own position.
     */
    @Override
    public Map<String, Row> delivered(List<Delivered> batch) {
        Map<String, Row> rows = new HashMap<>();
        for (Row row : between(batch.get(0).tokenPosition(), batch.get(batch.size() - 1).tokenPosition())) {
            rows.put(row.event().eventIdentifier(), row);
        }
        for (Delivered event : batch) {
            rows.computeIfAbsent(event.message().getIdentifier(), id -> withIdentifier(id).orElse(null));
        }
        return rows;
    }

    private Optional<Row> withIdentifier(String eventIdentifier) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry WHERE event_identifier = ?")
                .param(eventIdentifier).query(MAPPER).optional();
    }

    /** The rows from {@code from} to {@code to} inclusive, in global order (one processor batch's worth). */
    private List<Row> between(long from, long to) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry WHERE global_index BETWEEN ? AND ?"
                + " ORDER BY global_index").params(from, to).query(MAPPER).list();
    }

    /** Each row joined to its aggregate's previous row. */
    @Override
    public List<LinkedRow> linkedPageAfter(long afterGlobalIndex) {
        return jdbc.sql("SELECT " + LINKED_COLUMNS + ", p.chain_hash AS predecessor_chain_hash"
                        + " FROM domain_event_entry e LEFT JOIN domain_event_entry p"
                        + " ON p.aggregate_identifier = e.aggregate_identifier AND p.sequence_number = e.sequence_number - 1"
                        + " WHERE e.global_index > ? ORDER BY e.global_index FETCH FIRST " + PAGE + " ROWS ONLY")
                .param(afterGlobalIndex)
                .query((rs, n) -> new LinkedRow(MAPPER.mapRow(rs, n), trim(rs.getString("predecessor_chain_hash"))))
                .list();
    }

    @Override
    public long head() {
        return jdbc.sql("SELECT COALESCE(MAX(global_index), -1) FROM domain_event_entry").query(Long.class).single();
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
