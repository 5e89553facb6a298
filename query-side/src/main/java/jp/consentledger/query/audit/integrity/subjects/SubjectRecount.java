package jp.consentledger.query.audit.integrity.subjects;

import jp.consentledger.kernel.audit.EventSubjects;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The subject index recomputed in memory from the events alone, for the verification: a checkpoint signs whatever
 * the stored index says, so an index edited before a signing (an event taken out of a subject's chain to hide it
 * from its bundles) is caught only by comparing the signed root with one derived from the events themselves.
 * Folds with the same rules as {@link SubjectIndex}, and recomputes only the buckets touched since the last root.
 */
public final class SubjectRecount {
    private final Map<String, SubjectIndex.Entry> entries = new HashMap<>();
    private final Map<Integer, TreeMap<String, String>> buckets = new HashMap<>();
    private final TreeSet<Integer> dirty = new TreeSet<>();
    private BucketTree tree = BucketTree.of(0, Map.of());
    private long size;

    /** The next leaf of the log, in order: its position, its chain hash and its event (null: bears on no subject). */
    public void add(long position, String chainHash, Object event) {
        size++;
        for (String key : EventSubjects.of(event)) {
            SubjectIndex.Entry next = entries.getOrDefault(key, SubjectIndex.Entry.empty(key)).next(position, chainHash);
            entries.put(key, next);
            int bucket = SubjectHashes.bucket(key);
            buckets.computeIfAbsent(bucket, b -> new TreeMap<>()).put(SubjectHashes.keyHash(key), next.hash());
            dirty.add(bucket);
        }
    }

    /** The root the index must have signed after the leaves added so far. */
    public String root() {
        TreeMap<Integer, String> changed = new TreeMap<>();
        for (int bucket : dirty) {
            changed.put(bucket, SubjectHashes.bucketHash(buckets.get(bucket).entrySet().stream()
                    .map(e -> new SubjectIndex.BucketEntry(e.getKey(), e.getValue())).toList()));
        }
        dirty.clear();
        tree = tree.with(size, changed);
        return tree.root();
    }
}
