package jp.consentledger.query.replay;

import org.springframework.jdbc.support.JdbcUtils;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One read-model table, row after row, never whole: a replay compares tables of millions of rows (the audit
 * index holds a copy of every event) on a heap that cannot hold two of them. The rows come through a cursor
 * (PostgreSQL streams only inside a transaction, with a fetch size), each normalized into one comparable line.
 */
final class TableRows {
    private static final int FETCH_SIZE = 1_000;
    private static final String POSITION = "replay_row_position";

    /** A row: its primary key, itself as one comparable line, and the position of the last event that changed it. */
    record Row(List<String> key, String line, long position) {
    }

    private TableRows() {
    }

    /**
     * Hands every row of {@code table} to {@code each}; {@code position} is the SQL (row alias t) of the position
     * of the last event that changed a row, or null when rows carry none (every row then counts as at the target).
     */
    static void forEach(DataSource dataSource, String table, List<String> key, String position, Consumer<Row> each)
            throws SQLException {
        String select = "SELECT t.*" + (position == null ? "" : ", " + position + " AS " + POSITION)
                + " FROM read_model." + table + " t";
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(select)) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery()) {
                    ResultSetMetaData meta = rows.getMetaData();
                    while (rows.next()) {
                        each.accept(row(rows, meta, key));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** Columns by name, values normalized across vendors. */
    private static Row row(ResultSet rows, ResultSetMetaData meta, List<String> key) throws SQLException {
        Map<String, String> normalized = new TreeMap<>();
        long at = Long.MIN_VALUE;
        for (int column = 1; column <= meta.getColumnCount(); column++) {
            String name = JdbcUtils.lookupColumnName(meta, column).toLowerCase();
            Object value = JdbcUtils.getResultSetValue(rows, column);
            if (name.equals(POSITION)) {
                at = value == null ? Long.MIN_VALUE : ((Number) value).longValue();
            } else {
                normalized.put(name, normalize(value));
            }
        }
        return new Row(key.stream().map(normalized::get).toList(), normalized.toString(), at);
    }

    private static String normalize(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof java.sql.Timestamp time) {
            return time.toInstant().toString();
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof BigDecimal || value instanceof Long || value instanceof Integer || value instanceof Short) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        return value.toString().trim();
    }
}
