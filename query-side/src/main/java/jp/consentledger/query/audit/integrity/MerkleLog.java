package jp.consentledger.query.audit.integrity;

import jp.consentledger.kernel.audit.EventChain;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * RFC 9162 (Certificate Transparency v2) Merkle tree hashing over the global event order:
 * leaf hash = SHA-256(0x00 || leaf), node hash = SHA-256(0x01 || left || right). A leaf is
 * {@code global_index (8 bytes, big-endian) || chain_hash (32 bytes)}, so each leaf binds an event's
 * bytes (through its chain hash) to its position in the global order.
 */
final class MerkleLog {
    private static final HexFormat HEX = HexFormat.of();

    private MerkleLog() {
    }

    /** Reads the hash of the perfect, aligned subtree at (level, index): level 0 is the leaves. */
    interface Nodes {
        byte[] node(int level, long index);
    }

    static byte[] leafHash(long globalIndex, String chainHash) {
        ByteBuffer leaf = ByteBuffer.allocate(1 + 8 + 32).put((byte) 0).putLong(globalIndex).put(HEX.parseHex(chainHash));
        return EventChain.sha256(leaf.array());
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        ByteBuffer node = ByteBuffer.allocate(1 + 32 + 32).put((byte) 1).put(left).put(right);
        return EventChain.sha256(node.array());
    }

    /** MTH(D[from:to]) from the stored perfect subtrees, in O(log n) lookups. */
    static byte[] rootOf(Nodes nodes, long from, long to) {
        long size = to - from;
        if (size <= 0) {
            return EventChain.sha256(new byte[0]); // MTH of the empty list (RFC 9162 2.1.1)
        }
        if (Long.bitCount(size) == 1 && from % size == 0) {
            return nodes.node(Long.numberOfTrailingZeros(size), from / size);
        }
        long k = Long.highestOneBit(size - 1);
        return nodeHash(rootOf(nodes, from, from + k), rootOf(nodes, from + k, to));
    }

    /** PATH(m, D[0:n]) of RFC 9162 2.1.3.1, leaf-to-root order. */
    static List<byte[]> inclusionPath(Nodes nodes, long leafIndex, long treeSize) {
        List<byte[]> path = new ArrayList<>();
        collectPath(nodes, leafIndex, 0, treeSize, path);
        return path;
    }

    private static void collectPath(Nodes nodes, long m, long from, long to, List<byte[]> path) {
        long size = to - from;
        if (size <= 1) {
            return;
        }
        long k = Long.highestOneBit(size - 1);
        if (m < k) {
            collectPath(nodes, m, from, from + k, path);
            path.add(rootOf(nodes, from + k, to));
        } else {
            collectPath(nodes, m - k, from + k, to, path);
            path.add(rootOf(nodes, from, from + k));
        }
    }

    /** Folds leaves one at a time, keeping only the perfect subtrees on the right edge (O(log n) memory). */
    static final class Frontier {
        private final List<byte[]> hashes = new ArrayList<>();
        private final List<Integer> levels = new ArrayList<>();
        private long size;

        void add(byte[] leafHash) {
            byte[] hash = leafHash;
            int level = 0;
            while (!levels.isEmpty() && levels.get(levels.size() - 1) == level) {
                hash = nodeHash(hashes.remove(hashes.size() - 1), hash);
                levels.remove(levels.size() - 1);
                level++;
            }
            hashes.add(hash);
            levels.add(level);
            size++;
        }

        long size() {
            return size;
        }

        byte[] root() {
            if (hashes.isEmpty()) {
                return EventChain.sha256(new byte[0]);
            }
            byte[] root = hashes.get(hashes.size() - 1);
            for (int i = hashes.size() - 2; i >= 0; i--) {
                root = nodeHash(hashes.get(i), root);
            }
            return root;
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }
}
