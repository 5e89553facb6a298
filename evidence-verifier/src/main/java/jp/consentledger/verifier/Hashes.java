package jp.consentledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The ledger's hash layouts, written here again from their specification (docs/audit-evidence.md), sharing no
 * code with the ledger: the event chain, the RFC 9162 Merkle log, and the subject index.
 */
final class Hashes {
    static final String GENESIS = "0".repeat(64);
    static final int SUBJECT_DEPTH = 16;
    static final HexFormat HEX = HexFormat.of();

    private Hashes() {
    }

    /**
     * kernel.audit.EventChain: SHA-256 over a domain tag, the previous hash and the length-prefixed fields. Layout 2
     * differs from 1 only in its tag: the bundle's timeStamp and metaData are already the forms layout 2 hashes.
     */
    static String chainHash(int layout, String previousHash, JsonNode event, byte[] payload, byte[] metaData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("consent-ledger/event-chain/v" + layout + "\0").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(HEX.parseHex(previousHash));
        field(out, text(event, "eventId"));
        field(out, text(event, "aggregateId"));
        out.writeBytes(ByteBuffer.allocate(8).putLong(event.path("sequenceNumber").asLong()).array());
        field(out, text(event, "aggregateType"));
        field(out, text(event, "timeStamp"));
        field(out, text(event, "payloadType"));
        field(out, text(event, "payloadRevision"));
        field(out, payload);
        field(out, metaData);
        return HEX.formatHex(sha256(out.toByteArray()));
    }

    private static byte[] text(JsonNode event, String name) {
        JsonNode node = event.path(name);
        return node.isTextual() ? node.asText().getBytes(StandardCharsets.UTF_8) : null;
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            out.writeBytes(value);
        }
    }

    static byte[] leafHash(long position, byte[] chainHash) {
        return sha256(ByteBuffer.allocate(41).put((byte) 0).putLong(position).put(chainHash).array());
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        return sha256(ByteBuffer.allocate(65).put((byte) 1).put(left).put(right).array());
    }

    /** RFC 9162 section 2.1.3.2: verifying an inclusion proof. */
    static boolean includes(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (leafIndex >= treeSize) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0 || p.length != 32) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /** Subject chain step: SHA-256("consent-ledger/subject-chain/v1\0" || head || position (8) || chain hash). */
    static String subjectStep(String head, long position, String chainHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("consent-ledger/subject-chain/v1\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(HEX.parseHex(head));
        out.writeBytes(ByteBuffer.allocate(8).putLong(position).array());
        out.writeBytes(HEX.parseHex(chainHash));
        return HEX.formatHex(sha256(out.toByteArray()));
    }

    /** Subject entry: SHA-256("consent-ledger/subject-entry/v1\0" || key length (4) || key || count (8) || head). */
    static String subjectEntry(String key, long count, String head) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("consent-ledger/subject-entry/v1\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).putInt(keyBytes.length).array());
        out.writeBytes(keyBytes);
        out.writeBytes(ByteBuffer.allocate(8).putLong(count).array());
        out.writeBytes(HEX.parseHex(head));
        return HEX.formatHex(sha256(out.toByteArray()));
    }

    static String keyHash(String key) {
        return HEX.formatHex(sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** The first two bytes of SHA-256(key). */
    static int bucket(String key) {
        byte[] hash = sha256(key.getBytes(StandardCharsets.UTF_8));
        return ((hash[0] & 0xff) << 8) | (hash[1] & 0xff);
    }

    /** SHA-256(0x00 || key hash || entry hash || ...), the entries in key-hash order. */
    static byte[] bucketHash(List<String[]> keyAndEntryHashes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        keyAndEntryHashes.forEach(e -> {
            out.writeBytes(HEX.parseHex(e[0]));
            out.writeBytes(HEX.parseHex(e[1]));
        });
        return sha256(out.toByteArray());
    }

    /** From a bucket's hash up the 16 levels of the subject tree, siblings leaf to root. */
    static byte[] subjectRoot(int bucket, byte[] bucketHash, List<byte[]> path) {
        byte[] hash = bucketHash;
        int index = bucket;
        for (byte[] sibling : path) {
            hash = (index & 1) == 0 ? nodeHash(hash, sibling) : nodeHash(sibling, hash);
            index >>= 1;
        }
        return hash;
    }

    static boolean isHash(String hex) {
        return hex != null && hex.matches("[0-9a-f]{64}");
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
