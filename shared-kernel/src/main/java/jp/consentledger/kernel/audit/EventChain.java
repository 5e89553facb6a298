package jp.consentledger.kernel.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.HexFormat;

/**
 * The hash chain that links each aggregate's events as they are written, over their exact stored bytes.
 *
 * <p>Canonical layout (v1), hashed with SHA-256:
 * <pre>
 *   "consent-ledger/event-chain/v1" 0x00
 *   previousHash                      32 raw bytes (32 zero bytes for an aggregate's first event)
 *   field(event_identifier)           UTF-8
 *   field(aggregate_identifier)       UTF-8
 *   sequence_number                   8 bytes, big-endian
 *   field(type)                       UTF-8 (the aggregate type column)
 *   field(time_stamp)                 UTF-8, the exact string stored in the column
 *   field(payload_type)               UTF-8
 *   field(payload_revision)           UTF-8
 *   field(payload)                    the stored bytes
 *   field(meta_data)                  the stored bytes
 *   where field(x) = 4-byte big-endian length of x, then x; a NULL column is length -1 (0xFFFFFFFF), no bytes.
 * </pre>
 * Every column of the event row except global_index (the order, which the Merkle log binds) and the two
 * chain columns themselves is covered, so a change to any stored byte of an event breaks its link, and
 * lengths make the fields unambiguous. The evidence verifier re-implements this layout independently.
 *
 * <p>Layout v2 is the same fields under the tag {@code "consent-ledger/event-chain/v2" 0x00}, over what every
 * event store keeps (Axon Server keeps neither extra columns, nor time below the millisecond, nor metadata as
 * bytes): time_stamp is the recorded time at millisecond precision in ISO-8601 ({@link #storedTime}), and
 * meta_data is {@link #canonicalMetaData} of the event's metadata without the two chain keys. The links
 * themselves travel in the event's metadata ({@link #PREVIOUS_HASH}, {@link #CHAIN_HASH}).
 */
public final class EventChain {
    public static final String GENESIS = "0".repeat(64);
    private static final byte[] DOMAIN = "consent-ledger/event-chain/v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DOMAIN_V2 = "consent-ledger/event-chain/v2\0".getBytes(StandardCharsets.US_ASCII);
    /** The metadata key of a v2 event's link to the previous event of its aggregate. */
    public static final String PREVIOUS_HASH = "ledgerChainPreviousHash";
    /** The metadata key of a v2 event's own chain hash. */
    public static final String CHAIN_HASH = "ledgerChainHash";

    private EventChain() {
    }

    /** One event row as stored: the columns the chain covers. */
    public record StoredRow(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type,
                              String timeStamp, String payloadType, String payloadRevision, byte[] payload,
                              byte[] metaData) {
    }

    /** The chain hash (64 lowercase hex) of {@code event}, linked to {@code previousHash} (64 hex). */
    public static String link(String previousHash, StoredRow event) {
        return link(DOMAIN, previousHash, event);
    }

    /** Layout v2: {@code event} as {@link #storedTime} and {@link #canonicalMetaData} give it. */
    public static String linkV2(String previousHash, StoredRow event) {
        return link(DOMAIN_V2, previousHash, event);
    }

    /** Layout v2's time_stamp: the recorded time truncated to the millisecond, as {@link Instant#toString()} writes it. */
    public static String storedTime(Instant recordedAt) {
        return Instant.ofEpochMilli(recordedAt.toEpochMilli()).toString();
    }

    /**
     * Layout v2's meta_data: every entry but the chain keys, in key order, each as field(key) field(value's
     * string form); a store's typed values (Axon Server keeps numbers as numbers) give the same string.
     */
    public static byte[] canonicalMetaData(Map<String, ?> metaData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TreeMap<>(metaData).forEach((key, value) -> {
            if (!PREVIOUS_HASH.equals(key) && !CHAIN_HASH.equals(key)) {
                field(out, utf8(key));
                field(out, utf8(value == null ? null : String.valueOf(value)));
            }
        });
        return out.toByteArray();
    }

    private static String link(byte[] domain, String previousHash, StoredRow event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + event.payload().length);
        out.writeBytes(domain);
        out.writeBytes(HexFormat.of().parseHex(previousHash));
        field(out, utf8(event.eventIdentifier()));
        field(out, utf8(event.aggregateIdentifier()));
        out.writeBytes(ByteBuffer.allocate(8).putLong(event.sequenceNumber()).array());
        field(out, utf8(event.type()));
        field(out, utf8(event.timeStamp()));
        field(out, utf8(event.payloadType()));
        field(out, utf8(event.payloadRevision()));
        field(out, event.payload());
        field(out, event.metaData());
        return HexFormat.of().formatHex(sha256(out.toByteArray()));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            out.writeBytes(value);
        }
    }
}
