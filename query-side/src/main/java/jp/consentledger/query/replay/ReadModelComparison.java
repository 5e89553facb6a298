package jp.consentledger.query.replay;

import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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
 * <p>
 * Tables are read as streams, never held: each side is summed per partition of its primary keys (a count and a
 * 128-bit sum of row fingerprints), and only partitions whose sums differ are read again, a bounded number of
 * rows at a time, to count and name the rows that differ. A healthy ledger of millions of events compares in
 * one pass per side and a few megabytes.
 */
public final class ReadModelComparison {
    private static final int SAMPLES = 5;
    private static final int PARTITIONS = 4_096;
    /** The most rows (both sides together) held at once to name the rows of differing partitions. */
    private static final long DETAIL_ROWS = 100_000;
    /**
     * Tables in read_model that no projection writes: processors' tokens, the query nodes, the token-validity
     * snapshots, and the signed log (audit_log_*) with its subject index, which the log extends as it signs.
     */
    private static final Set<String> NOT_READ_MODELS = Set.of("qry_token_entry", "qry_node", "qry_token_validity_snapshot",
            "audit_subject_entry", "audit_subject_event", "audit_subject_node", "audit_subject_index_size");
    private static final List<String> POSITION_COLUMNS = List.of("last_event_position", "global_index");
    /** Tables whose rows carry no position of their own: where it is found instead (row alias t). */
    private static final Map<String, String> DERIVED_POSITIONS = Map.of("audit_linkage",
            "(SELECT MIN(s.global_index) FROM read_model.audit_subject s"
                    + " WHERE s.subject_kind = 'LINKAGE' AND s.subject_id = t.linkage_id)");
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

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

    public static List<Difference> atTarget(DataSource live, DataSource rebuilt, long target) throws SQLException {
        JdbcClient rebuiltJdbc = JdbcClient.create(rebuilt);
        Map<String, List<String>> keys = primaryKeys(rebuiltJdbc);
        List<Difference> differences = new ArrayList<>();
        for (String table : tables(rebuiltJdbc)) {
            List<String> columns = rebuiltJdbc.sql("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                            + " WHERE TABLE_SCHEMA = 'READ_MODEL' AND TABLE_NAME = ?").param(table.toUpperCase())
                    .query(String.class).list().stream().map(String::toLowerCase).toList();
            String position = DERIVED_POSITIONS.getOrDefault(table,
                    POSITION_COLUMNS.stream().filter(columns::contains).map(c -> "t." + c).findFirst().orElse(null));
            new TableComparison(table, live, rebuilt, keys.getOrDefault(table, columns), position, target).difference()
                    .ifPresent(differences::add);
        }
        return differences;
    }

    /** 128 bits of a SHA-256: a row's or a key's fingerprint. */
    private record Fingerprint(long high, long low) {
        static Fingerprint of(String text) {
            ByteBuffer hash = ByteBuffer.wrap(SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
            return new Fingerprint(hash.getLong(), hash.getLong());
        }

        static Fingerprint ofKey(List<String> key) {
            return of(String.join("\u0000", key));
        }

        int partition() {
            return (int) Math.floorMod(high, (long) PARTITIONS);
        }
    }

    /** Per partition of the keys: how many rows, and the sum of their fingerprints (order does not matter). */
    private static final class Sums {
        final long[] rows = new long[PARTITIONS];
        final long[] high = new long[PARTITIONS];
        final long[] low = new long[PARTITIONS];

        void add(int partition, String line) {
            Fingerprint fingerprint = Fingerprint.of(line);
            rows[partition]++;
            high[partition] += fingerprint.high();
            low[partition] += fingerprint.low();
        }

        BitSet differingFrom(Sums other) {
            BitSet differing = new BitSet(PARTITIONS);
            for (int p = 0; p < PARTITIONS; p++) {
                if (rows[p] != other.rows[p] || high[p] != other.high[p] || low[p] != other.low[p]) {
                    differing.set(p);
                }
            }
            return differing;
        }
    }

    /** One table, live against rebuilt. */
    private static final class TableComparison {
        private final String table;
        private final DataSource live;
        private final DataSource rebuilt;
        private final List<String> key;
        private final String position;
        private final long target;
        /** Keys of live rows changed by an event after the target: left out on both sides. */
        private final Set<Fingerprint> changedAfterTarget = new HashSet<>();

        TableComparison(String table, DataSource live, DataSource rebuilt, List<String> key, String position, long target) {
            this.table = table;
            this.live = live;
            this.rebuilt = rebuilt;
            this.key = key;
            this.position = position;
            this.target = target;
        }

        Optional<Difference> difference() throws SQLException {
            Sums liveSums = new Sums();
            Sums rebuiltSums = new Sums();
            TableRows.forEach(live, table, key, position, row -> {
                Fingerprint rowKey = Fingerprint.ofKey(row.key());
                if (row.position() > target) {
                    changedAfterTarget.add(rowKey);
                } else {
                    liveSums.add(rowKey.partition(), row.line());
                }
            });
            TableRows.forEach(rebuilt, table, key, position, row -> {
                Fingerprint rowKey = Fingerprint.ofKey(row.key());
                if (!changedAfterTarget.contains(rowKey)) {
                    rebuiltSums.add(rowKey.partition(), row.line());
                }
            });
            BitSet differing = liveSums.differingFrom(rebuiltSums);
            int onlyInLive = 0;
            int onlyInRebuilt = 0;
            TreeMap<String, String> samples = new TreeMap<>();
            for (BitSet group : groups(differing, liveSums, rebuiltSums)) {
                for (Map.Entry<String, Integer> line : balance(group).entrySet()) {
                    int n = line.getValue();
                    if (n != 0) {
                        onlyInLive += Math.max(n, 0);
                        onlyInRebuilt += Math.max(-n, 0);
                        samples.put(line.getKey(), (n > 0 ? "live only: " : "rebuilt only: ") + line.getKey());
                        if (samples.size() > SAMPLES) {
                            samples.pollLastEntry();
                        }
                    }
                }
            }
            if (onlyInLive == 0 && onlyInRebuilt == 0) {
                return Optional.empty();
            }
            return Optional.of(new Difference("read_model." + table, onlyInLive, onlyInRebuilt, List.copyOf(samples.values())));
        }

        /** Differing partitions in groups of at most {@link #DETAIL_ROWS} rows, each read again in one pass per side. */
        private static List<BitSet> groups(BitSet differing, Sums live, Sums rebuilt) {
            List<BitSet> groups = new ArrayList<>();
            BitSet group = new BitSet(PARTITIONS);
            long rows = 0;
            for (int p = differing.nextSetBit(0); p >= 0; p = differing.nextSetBit(p + 1)) {
                long partitionRows = live.rows[p] + rebuilt.rows[p];
                if (!group.isEmpty() && rows + partitionRows > DETAIL_ROWS) {
                    groups.add(group);
                    group = new BitSet(PARTITIONS);
                    rows = 0;
                }
                group.set(p);
                rows += partitionRows;
            }
            if (!group.isEmpty()) {
                groups.add(group);
            }
            return groups;
        }

        /**
         * The rows of some partitions as lines, live ones counted up and rebuilt ones down: what is left is a
         * difference. A live row changed since the first pass is left out on both sides, as in the first pass.
         */
        private Map<String, Integer> balance(BitSet partitions) throws SQLException {
            Map<String, Integer> balance = new HashMap<>();
            TableRows.forEach(live, table, key, position, row -> {
                Fingerprint rowKey = Fingerprint.ofKey(row.key());
                if (row.position() > target) {
                    changedAfterTarget.add(rowKey);
                } else if (partitions.get(rowKey.partition()) && !changedAfterTarget.contains(rowKey)) {
                    balance.merge(row.line(), 1, Integer::sum);
                }
            });
            TableRows.forEach(rebuilt, table, key, position, row -> {
                Fingerprint rowKey = Fingerprint.ofKey(row.key());
                if (partitions.get(rowKey.partition()) && !changedAfterTarget.contains(rowKey)) {
                    balance.merge(row.line(), -1, Integer::sum);
                }
            });
            return balance;
        }
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
}
