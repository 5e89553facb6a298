package jp.consentledger.kernel.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 */
public final class EventChain {
    public static final String GENESIS = "0".repeat(64);
    private static final byte[] DOMAIN = "consent-ledger/event-chain/v1\0".getBytes(StandardCharsets.US_ASCII);

    private EventChain() {
    }

    /** One event row as stored: the columns the chain covers. */
    public record StoredRow(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type,
                              String timeStamp, String payloadType, String payloadRevision, byte[] payload,
                              byte[] metaData) {
    }

    /** The chain hash (64 lowercase hex) of {@code event}, linked to {@code previousHash} (64 hex). */
    public static String link(String previousHash, StoredRow event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + event.payload().length);
        out.writeBytes(DOMAIN);
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
