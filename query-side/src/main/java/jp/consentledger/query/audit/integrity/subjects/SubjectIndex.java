package jp.consentledger.query.audit.integrity.subjects;

import jp.consentledger.kernel.audit.EventSubjects;
import jp.consentledger.query.role.FullNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The signed subject index: for every subject, how many events of the Merkle log bear on it and the head of a
 * chain over them, committed to by one root that each checkpoint signs. An evidence bundle shows a subject's
 * events and its entry's proof; the verifier recomputes the chain, so a missing, extra or reordered event fails.
 *
 * <p>Folded with the log, chunk by chunk, in the log's transactions: the cost follows the subjects a chunk
 * touches (their entries, their buckets' entries, the nodes above them), never the size of the store.
 */
@FullNode
@Component
public class SubjectIndex {
    private static final int IN_LIST = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    /** The bucket tree at the size last seen, and the one the last fold made (adopted when its size is the store's). */
    private BucketTree held;
    private BucketTree pending;

    public SubjectIndex(JdbcTemplate batch) {
        this.batch = batch;
        this.jdbc = JdbcClient.create(batch);
    }

    /** A leaf of the log as the index folds it: its position, its chain hash and its event. */
    public record Leaf(long globalIndex, String chainHash, Object event) {
    }

    public record Entry(String key, long eventCount, String head) {
        static Entry empty(String key) {
            return new Entry(key, 0, SubjectHashes.GENESIS);
        }

        /** The entry once the event at {@code position} (with its chain hash) is folded in: the one rule of both folds. */
        Entry next(long position, String chainHash) {
            return new Entry(key, eventCount + 1, SubjectHashes.step(head, position, chainHash));
        }

        String hash() {
            return SubjectHashes.entry(key, eventCount, head);
        }
    }

    /** One entry of a bucket as a proof shows it: the hash of its key, and its hash. */
    public record BucketEntry(String keyHash, String entryHash) {
    }

    /**
     * The entry's way to the root: its bucket's entries in key-hash order, its place there (-1: the subject has no
     * event, and its key hash is not among them), the sibling hashes above the bucket, leaf to root.
     */
    public record Proof(int bucket, List<BucketEntry> bucketEntries, int entryIndex, List<String> path) {
    }

    /** Leaves of the log folded so far. */
    public long size() {
        return jdbc.sql("SELECT COALESCE(MAX(leaves), 0) FROM read_model.audit_subject_index_size").query(Long.class).single();
    }

    public String root() {
        return tree().root();
    }

    /**
     * The tree for the size the store holds: the one a fold just made once its size is there (committed, or in this
     * transaction), else the one held if still current, else rebuilt from the stored bucket hashes (a start, another
     * node's fold, a rolled-back one).
     */
    private synchronized BucketTree tree() {
        long size = size();
        if (pending != null && pending.size == size) {
            held = pending;
        }
        pending = null;
        while (held == null || held.size != size) {
            Map<Integer, String> buckets = new HashMap<>();
            jdbc.sql("SELECT node_index, hash FROM read_model.audit_subject_node WHERE level = 0")
                    .query(rs -> {
                        buckets.put(rs.getInt(1), rs.getString(2).trim());
                    });
            long after = size();
            held = after == size ? BucketTree.of(size, buckets) : null;
            size = after;
        }
        return held;
    }

    /** Folds the next leaves of the log (those after {@link #size()}, in order) into the index. */
    public void fold(List<Leaf> leaves) {
        if (leaves.isEmpty()) {
            return;
        }
        BucketTree base = tree();
        Map<String, Entry> touched = new LinkedHashMap<>();
        List<Object[]> subjectEvents = new ArrayList<>();
        Map<String, Entry> before = entries(leaves.stream().flatMap(l -> EventSubjects.of(l.event()).stream()).distinct().toList());
        for (Leaf leaf : leaves) {
            for (String key : EventSubjects.of(leaf.event())) {
                Entry current = touched.getOrDefault(key, before.getOrDefault(key, Entry.empty(key)));
                touched.put(key, current.next(leaf.globalIndex(), leaf.chainHash()));
                subjectEvents.add(new Object[] {key, leaf.globalIndex()});
            }
        }
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (Entry entry : touched.values()) {
            String hash = entry.hash();
            if (before.containsKey(entry.key())) {
                updates.add(new Object[] {entry.eventCount(), entry.head(), hash, entry.key()});
            } else {
                inserts.add(new Object[] {entry.key(), SubjectHashes.bucket(entry.key()), entry.eventCount(), entry.head(), hash});
            }
        }
        batch.batchUpdate("UPDATE read_model.audit_subject_entry SET event_count = ?, head = ?, entry_hash = ?"
                + " WHERE subject_key = ?", updates);
        batch.batchUpdate("INSERT INTO read_model.audit_subject_entry (subject_key, bucket, event_count, head, entry_hash)"
                + " VALUES (?, ?, ?, ?, ?)", inserts);
        batch.batchUpdate("INSERT INTO read_model.audit_subject_event (subject_key, global_index) VALUES (?, ?)", subjectEvents);
        Set<Integer> buckets = new TreeSet<>();
        touched.keySet().forEach(key -> buckets.add(SubjectHashes.bucket(key)));
        TreeMap<Integer, String> changed = new TreeMap<>();
        bucketEntries(buckets).forEach((bucket, entries) -> changed.put(bucket, SubjectHashes.bucketHash(entries)));
        List<Object[]> bucketUpdates = new ArrayList<>();
        List<Object[]> bucketInserts = new ArrayList<>();
        changed.forEach((bucket, hash) -> (base.hasBucket(bucket) ? bucketUpdates : bucketInserts).add(new Object[] {hash, bucket}));
        batch.batchUpdate("UPDATE read_model.audit_subject_node SET hash = ? WHERE level = 0 AND node_index = ?", bucketUpdates);
        batch.batchUpdate("INSERT INTO read_model.audit_subject_node (hash, level, node_index) VALUES (?, 0, ?)", bucketInserts);
        pending = base.with(base.size + leaves.size(), changed);
        if (jdbc.sql("UPDATE read_model.audit_subject_index_size SET leaves = leaves + ? WHERE id = 1").param(leaves.size()).update() == 0) {
            jdbc.sql("INSERT INTO read_model.audit_subject_index_size (id, leaves) VALUES (1, ?)").param(leaves.size()).update();
        }
    }

    public Optional<Entry> entry(String key) {
        return Optional.ofNullable(entries(List.of(key)).get(key));
    }

    /** The positions of the subject's events, in global order. */
    public List<Long> positions(String key) {
        return jdbc.sql("SELECT global_index FROM read_model.audit_subject_event WHERE subject_key = ? ORDER BY global_index")
                .param(key).query(Long.class).list();
    }

    public Proof proof(String key) {
        int bucket = SubjectHashes.bucket(key);
        List<BucketEntry> entries = bucketEntries(Set.of(bucket)).getOrDefault(bucket, List.of());
        int index = entries.stream().map(BucketEntry::keyHash).toList().indexOf(SubjectHashes.keyHash(key));
        return new Proof(bucket, entries, index, tree().path(bucket));
    }

    private Map<String, Entry> entries(List<String> keys) {
        Map<String, Entry> found = new HashMap<>();
        for (int i = 0; i < keys.size(); i += IN_LIST) {
            jdbc.sql("SELECT subject_key, event_count, head FROM read_model.audit_subject_entry WHERE subject_key IN (:keys)")
                    .param("keys", keys.subList(i, Math.min(keys.size(), i + IN_LIST)))
                    .query((rs, n) -> new Entry(rs.getString(1), rs.getLong(2), rs.getString(3).trim()))
                    .list().forEach(e -> found.put(e.key(), e));
        }
        return found;
    }

    /** Each bucket's entries, in key-hash order. */
    private Map<Integer, List<BucketEntry>> bucketEntries(Set<Integer> buckets) {
        List<Integer> all = new ArrayList<>(buckets);
        Map<Integer, TreeMap<String, String>> byBucket = new HashMap<>();
        for (int i = 0; i < all.size(); i += IN_LIST) {
            jdbc.sql("SELECT bucket, subject_key, entry_hash FROM read_model.audit_subject_entry WHERE bucket IN (:buckets)")
                    .param("buckets", all.subList(i, Math.min(all.size(), i + IN_LIST)))
                    .query(rs -> {
                        byBucket.computeIfAbsent(rs.getInt(1), b -> new TreeMap<>())
                                .put(SubjectHashes.keyHash(rs.getString(2)), rs.getString(3).trim());
                    });
        }
        Map<Integer, List<BucketEntry>> entries = new TreeMap<>();
        byBucket.forEach((bucket, byKeyHash) -> entries.put(bucket,
                byKeyHash.entrySet().stream().map(e -> new BucketEntry(e.getKey(), e.getValue())).toList()));
        return entries;
    }
}
