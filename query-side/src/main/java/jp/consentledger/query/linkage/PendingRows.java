package jp.consentledger.query.linkage;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one directory table that a processor batch touches, as they stand after the batch's events,
 * written when the batch commits. Every handler sets columns to values carried by its event (never to
 * something computed from the row), so a row's last value per column is what applying the events one by
 * one would leave: rows created in the batch are inserted complete, many per statement, and rows created
 * before it get one UPDATE of just the columns the batch set.
 */
final class PendingRows {
    /** Rows per INSERT: a few statements per batch, well under PostgreSQL's 65,535 parameters. */
    private static final int ROWS_PER_INSERT = 200;

    private final String table;
    private final String key;
    private final List<String> columns;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Row> rows = new LinkedHashMap<>();

    /** {@code columns} after the key; the nullable ones are timestamps, the only columns an insert may leave unset. */
    PendingRows(String table, String key, String... columns) {
        this.table = table;
        this.key = key;
        this.columns = List.of(columns);
        for (int i = 0; i < columns.length; i++) {
            index.put(columns[i], i);
        }
    }

    private static final class Row {
        final boolean created;
        final Object[] values;
        final boolean[] set;

        Row(boolean created, int width) {
            this.created = created;
            this.values = new Object[width];
            this.set = new boolean[width];
        }
    }

    /**
     * A row the event creates, as {@code column, value} pairs. A second creation in one batch fails this
     * event as the second INSERT did; changes noted before it (to a row no earlier event created) are dropped,
     * as UPDATEs of a missing row change nothing.
     */
    void insert(String id, Object... columnValues) {
        Row existing = rows.get(id);
        if (existing != null && existing.created) {
            throw new IllegalStateException(table + " row " + id + " is created twice in one batch");
        }
        Row row = new Row(true, columns.size());
        rows.put(id, row);
        set(row, columnValues);
    }

    /** Columns the event sets on a row, as {@code column, value} pairs; later events of the batch win. */
    void update(String id, Object... columnValues) {
        set(rows.computeIfAbsent(id, ignored -> new Row(false, columns.size())), columnValues);
    }

    private void set(Row row, Object[] columnValues) {
        for (int i = 0; i < columnValues.length; i += 2) {
            Integer column = index.get((String) columnValues[i]);
            if (column == null) {
                throw new IllegalArgumentException(table + " has no column " + columnValues[i]);
            }
            row.values[column] = columnValues[i + 1];
            row.set[column] = true;
        }
    }

    void write(JdbcClient jdbc) {
        List<Map.Entry<String, Row>> created = new ArrayList<>();
        for (Map.Entry<String, Row> entry : rows.entrySet()) {
            if (entry.getValue().created) {
                created.add(entry);
            } else {
                update(jdbc, entry.getKey(), entry.getValue());
            }
        }
        for (int from = 0; from < created.size(); from += ROWS_PER_INSERT) {
            insert(jdbc, created.subList(from, Math.min(created.size(), from + ROWS_PER_INSERT)));
        }
        rows.clear();
    }

    private void insert(JdbcClient jdbc, List<Map.Entry<String, Row>> created) {
        String tuple = "(?" + ", ?".repeat(columns.size()) + ")";
        String sql = "INSERT INTO " + table + " (" + key + ", " + String.join(", ", columns) + ") VALUES "
                + String.join(", ", Collections.nCopies(created.size(), tuple));
        List<Object> parameters = new ArrayList<>(created.size() * (columns.size() + 1));
        for (Map.Entry<String, Row> entry : created) {
            parameters.add(entry.getKey());
            for (Object value : entry.getValue().values) {
                // Typed, so neither driver has to ask the database what an unset column's NULL is.
                parameters.add(value == null ? new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, null) : value);
            }
        }
        jdbc.sql(sql).params(parameters).update();
    }

    private void update(JdbcClient jdbc, String id, Row row) {
        List<String> assignments = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (row.set[i]) {
                assignments.add(columns.get(i) + " = ?");
                parameters.add(row.values[i]);
            }
        }
        parameters.add(id);
        jdbc.sql("UPDATE " + table + " SET " + String.join(", ", assignments) + " WHERE " + key + " = ?")
                .params(parameters).update();
    }
}
