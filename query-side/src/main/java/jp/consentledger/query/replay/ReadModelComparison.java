package jp.consentledger.query.replay;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Compares the JDBC read models rebuilt from the events up to a target position with the live ones, at
 * that target only: a live ledger keeps recording while a replay runs (commands, deadlines firing), and a
 * live row changed by an event after the target says nothing about the rebuild.
 * <p>
 * Every read-model row names the global position of the last event that changed it (its own, see
 * EventPositions): a column {@code last_event_position} or {@code global_index}, or for the audit index's
 * linkage table, its linkage's first event. A row whose live position is past the target is left out on
 * both sides (by primary key); every other row must be the same on both, column for column. A table with
 * no position at all is compared whole.
 */
public final class ReadModelComparison {
    private static final int SAMPLES = 5;
    /** Tables in read_model that no projection writes: processors' tokens, the query nodes, the signed log. */
    private static final Set<String> NOT_READ_MODELS = Set.of("qry_token_entry", "qry_node");
    private static final List<String> POSITION_COLUMNS = List.of("last_event_position", "global_index");
    /** Tables whose rows carry no position of their own: where it is found instead (row alias t). */
    private static final Map<String, String> DERIVED_POSITIONS = Map.of("audit_linkage",
            "(SELECT MIN(s.global_index) FROM read_model.audit_subject s"
                    + " WHERE s.subject_kind = 'LINKAGE' AND s.subject_id = t.linkage_id)");
    private static final String POSITION = "replay_row_position";

    /** Where the rebuilt and the live model differ: rows only in one of them, with a few samples. */
    public record Difference(String model, int onlyInLive, int onlyInRebuilt, List<String> samples) {
    }

    private ReadModelComparison() {
    }

    /** The names of the rebuilt database's read-model tables (the rebuild is migrated like the live one). */
    public static List<String> tables(JdbcClient rebuilt) {
        return rebuilt.sql("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'READ_MODEL'"
                        + " ORDER BY TABLE_NAME").query(String.class).list().stream()
                .map(String::toLowerCase)
                .filter(table -> !NOT_READ_MODELS.contains(table) && !table.startsWith("audit_log_"))
                .toList();
    }

    public static List<Difference> atTarget(JdbcClient live, JdbcClient rebuilt, long target) {
        Map<String, List<String>> keys = primaryKeys(rebuilt);
        List<Difference> differences = new ArrayList<>();
        for (String table : tables(rebuilt)) {
            List<String> columns = rebuilt.sql("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                            + " WHERE TABLE_SCHEMA = 'READ_MODEL' AND TABLE_NAME = ?").param(table.toUpperCase())
                    .query(String.class).list().stream().map(String::toLowerCase).toList();
            String position = DERIVED_POSITIONS.getOrDefault(table,
                    POSITION_COLUMNS.stream().filter(columns::contains).map(c -> "t." + c).findFirst().orElse(null));
            compare(table, live, rebuilt, keys.getOrDefault(table, columns), position, target)
                    .ifPresent(differences::add);
        }
        return differences;
    }

    /** A row: its primary key, itself as one comparable line, and the position of the last event that changed it. */
    private record Row(List<String> key, String line, long position) {
    }

    private static Optional<Difference> compare(String table, JdbcClient live, JdbcClient rebuilt, List<String> key,
                                                String position, long target) {
        List<Row> liveRows = rows(live, table, key, position);
        List<Row> rebuiltRows = rows(rebuilt, table, key, position);
        Set<List<String>> changedAfterTarget = liveRows.stream().filter(row -> row.position() > target)
                .map(Row::key).collect(Collectors.toSet());
        Map<String, Integer> balance = new HashMap<>();
        liveRows.stream().filter(row -> !changedAfterTarget.contains(row.key()))
                .forEach(row -> balance.merge(row.line(), 1, Integer::sum));
        rebuiltRows.stream().filter(row -> !changedAfterTarget.contains(row.key()))
                .forEach(row -> balance.merge(row.line(), -1, Integer::sum));
        int onlyInLive = balance.values().stream().filter(n -> n > 0).mapToInt(Integer::intValue).sum();
        int onlyInRebuilt = -balance.values().stream().filter(n -> n < 0).mapToInt(Integer::intValue).sum();
        if (onlyInLive == 0 && onlyInRebuilt == 0) {
            return Optional.empty();
        }
        List<String> samples = balance.entrySet().stream().filter(e -> e.getValue() != 0)
                .sorted(Map.Entry.comparingByKey()).limit(SAMPLES)
                .map(e -> (e.getValue() > 0 ? "live only: " : "rebuilt only: ") + e.getKey()).toList();
        return Optional.of(new Difference("read_model." + table, onlyInLive, onlyInRebuilt, samples));
    }

    /** Columns by name, values normalized across vendors; without a position, every row counts as at the target. */
    private static List<Row> rows(JdbcClient jdbc, String table, List<String> key, String position) {
        String select = "SELECT t.*" + (position == null ? "" : ", " + position + " AS " + POSITION)
                + " FROM read_model." + table + " t";
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> row : jdbc.sql(select).query().listOfRows()) {
            Map<String, String> normalized = new TreeMap<>();
            long at = Long.MIN_VALUE;
            for (Map.Entry<String, Object> column : row.entrySet()) {
                if (column.getKey().equalsIgnoreCase(POSITION)) {
                    at = column.getValue() == null ? Long.MIN_VALUE : ((Number) column.getValue()).longValue();
                } else {
                    normalized.put(column.getKey().toLowerCase(), normalize(column.getValue()));
                }
            }
            rows.add(new Row(key.stream().map(normalized::get).toList(), normalized.toString(), at));
        }
        return rows;
    }

    private static Map<String, List<String>> primaryKeys(JdbcClient rebuilt) {
        Map<String, List<String>> keys = new HashMap<>();
        rebuilt.sql("SELECT k.TABLE_NAME, k.COLUMN_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS c"
                        + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA"
                        + " AND k.CONSTRAINT_NAME = c.CONSTRAINT_NAME"
                        + " WHERE c.CONSTRAINT_TYPE = 'PRIMARY KEY' AND c.TABLE_SCHEMA = 'READ_MODEL'"
                        + " ORDER BY k.TABLE_NAME, k.ORDINAL_POSITION")
                .query(rs -> {
                    keys.computeIfAbsent(rs.getString(1).toLowerCase(), t -> new ArrayList<>()).add(rs.getString(2).toLowerCase());
                });
        return keys;
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
