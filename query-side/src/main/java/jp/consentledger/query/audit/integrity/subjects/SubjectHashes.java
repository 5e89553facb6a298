package jp.consentledger.query.audit.integrity.subjects;

import jp.consentledger.kernel.audit.EventChain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The subject index's byte layouts (docs/audit-evidence.md; the evidence-verifier re-implements them from there):
 * <ul>
 *   <li>chain step: SHA-256("consent-ledger/subject-chain/v1\0" || previous head || position (8, big-endian) ||
 *       the event's chain hash), from a head of 32 zero bytes;</li>
 *   <li>entry: SHA-256("consent-ledger/subject-entry/v1\0" || key length (4) || key (UTF-8) || count (8) || head);</li>
 *   <li>bucket (the first two bytes of SHA-256(key)): SHA-256(0x00 || for each of its entries in the order of
 *       their key hashes: SHA-256(key) || entry hash), so a proof shows that a key is absent without naming the
 *       bucket's other subjects;</li>
 *   <li>node: SHA-256(0x01 || left || right), 16 levels above the 65,536 buckets.</li>
 * </ul>
 */
public final class SubjectHashes {
    public static final int DEPTH = 16;
    public static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[][] EMPTY = new byte[DEPTH + 1][];

    static {
        EMPTY[0] = EventChain.sha256(new byte[] {0});
        for (int level = 1; level <= DEPTH; level++) {
            EMPTY[level] = node(EMPTY[level - 1], EMPTY[level - 1]);
        }
    }

    private SubjectHashes() {
    }

    static String step(String head, long position, String chainHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("consent-ledger/subject-chain/v1\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(HEX.parseHex(head));
        out.writeBytes(ByteBuffer.allocate(8).putLong(position).array());
        out.writeBytes(HEX.parseHex(chainHash));
        return HEX.formatHex(EventChain.sha256(out.toByteArray()));
    }

    static String entry(String key, long count, String head) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("consent-ledger/subject-entry/v1\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).putInt(keyBytes.length).array());
        out.writeBytes(keyBytes);
        out.writeBytes(ByteBuffer.allocate(8).putLong(count).array());
        out.writeBytes(HEX.parseHex(head));
        return HEX.formatHex(EventChain.sha256(out.toByteArray()));
    }

    static int bucket(String key) {
        byte[] hash = EventChain.sha256(key.getBytes(StandardCharsets.UTF_8));
        return ((hash[0] & 0xff) << 8) | (hash[1] & 0xff);
    }

    static String keyHash(String key) {
        return HEX.formatHex(EventChain.sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** The bucket's entries in the order of their key hashes. */
    static String bucketHash(List<SubjectIndex.BucketEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        entries.forEach(e -> {
            out.writeBytes(HEX.parseHex(e.keyHash()));
            out.writeBytes(HEX.parseHex(e.entryHash()));
        });
        return HEX.formatHex(EventChain.sha256(out.toByteArray()));
    }

    static byte[] node(byte[] left, byte[] right) {
        return EventChain.sha256(ByteBuffer.allocate(65).put((byte) 1).put(left).put(right).array());
    }

    static String node(String left, String right) {
        return HEX.formatHex(node(HEX.parseHex(left), HEX.parseHex(right)));
    }

    /** The hash of a subtree at {@code level} with no entry under it. */
    static String empty(int level) {
        return HEX.formatHex(EMPTY[level]);
    }
}
