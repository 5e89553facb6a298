package jp.consentledger.query.audit.integrity.subjects;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The 16 levels above the 65,536 buckets, held in memory (about 4 MB): only the bucket hashes are stored, so a fold
 * writes one row per bucket it changes, and the root and every proof path are computed here. Immutable: a fold makes
 * a new tree for the size it reaches, adopted once that size is committed.
 */
final class BucketTree {
    private static final HexFormat HEX = HexFormat.of();

    /** Leaves of the log folded into this tree. */
    final long size;
    /** levels[l][i]: the node at level l, index i; null for an empty subtree. */
    private final byte[][][] levels;

    private BucketTree(long size, byte[][][] levels) {
        this.size = size;
        this.levels = levels;
    }

    /** From the stored bucket hashes. */
    static BucketTree of(long size, Map<Integer, String> buckets) {
        byte[][][] levels = new byte[SubjectHashes.DEPTH + 1][][];
        for (int level = 0; level <= SubjectHashes.DEPTH; level++) {
            levels[level] = new byte[1 << (SubjectHashes.DEPTH - level)][];
        }
        buckets.forEach((bucket, hash) -> levels[0][bucket] = HEX.parseHex(hash));
        for (int level = 1; level <= SubjectHashes.DEPTH; level++) {
            for (int index = 0; index < levels[level].length; index++) {
                if (levels[level - 1][2 * index] != null || levels[level - 1][2 * index + 1] != null) {
                    levels[level][index] = parent(levels, level, index);
                }
            }
        }
        return new BucketTree(size, levels);
    }

    /** This tree with {@code changed} bucket hashes, at {@code newSize}: only the paths above them are recomputed. */
    BucketTree with(long newSize, SortedMap<Integer, String> changed) {
        byte[][][] next = new byte[levels.length][][];
        for (int level = 0; level < levels.length; level++) {
            next[level] = levels[level].clone();
        }
        List<Integer> dirty = new ArrayList<>();
        for (Map.Entry<Integer, String> bucket : changed.entrySet()) { // in bucket order, so parents come in order too
            next[0][bucket.getKey()] = HEX.parseHex(bucket.getValue());
            dirty.add(bucket.getKey());
        }
        for (int level = 1; level <= SubjectHashes.DEPTH; level++) {
            List<Integer> parents = new ArrayList<>();
            for (int child : dirty) {
                int index = child >> 1;
                if (parents.isEmpty() || parents.get(parents.size() - 1) != index) {
                    parents.add(index);
                    next[level][index] = parent(next, level, index);
                }
            }
            dirty = parents;
        }
        return new BucketTree(newSize, next);
    }

    boolean hasBucket(int bucket) {
        return levels[0][bucket] != null;
    }

    String root() {
        return hex(SubjectHashes.DEPTH, 0);
    }

    /** The sibling hashes from the bucket up to the root. */
    List<String> path(int bucket) {
        List<String> path = new ArrayList<>();
        int index = bucket;
        for (int level = 0; level < SubjectHashes.DEPTH; level++) {
            path.add(hex(level, index ^ 1));
            index >>= 1;
        }
        return path;
    }

    private String hex(int level, int index) {
        byte[] hash = levels[level][index];
        return hash == null ? SubjectHashes.empty(level) : HEX.formatHex(hash);
    }

    private static byte[] parent(byte[][][] levels, int level, int index) {
        byte[] left = levels[level - 1][2 * index];
        byte[] right = levels[level - 1][2 * index + 1];
        return SubjectHashes.node(left == null ? HEX.parseHex(SubjectHashes.empty(level - 1)) : left,
                right == null ? HEX.parseHex(SubjectHashes.empty(level - 1)) : right);
    }
}
