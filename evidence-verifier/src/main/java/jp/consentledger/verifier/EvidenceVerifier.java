package jp.consentledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Checks a consent-ledger evidence bundle offline, trusting nothing in it but what the ledger's public key
 * (given separately) vouches for:
 * <ol>
 *   <li>the checkpoint's Ed25519 signature over its statement, under the given key (and its key id);</li>
 *   <li>each event's chain hash, recomputed from its stored bytes and previous hash; links between the
 *       bundle's consecutive events of one aggregate; the readable payload equal to the stored bytes;</li>
 *   <li>each event's inclusion proof (RFC 9162) from its leaf to the signed root, for the signed tree size.</li>
 * </ol>
 * An event whose stored bytes held secret material (a provider registration of revision 1, which held the
 * hash of the provider's secret) comes with its bytes withheld ({@code payloadBase64} null): its chain hash,
 * as given, must still be in the signed tree and link to its aggregate's next event; its content cannot be
 * checked, and the verdict says so. No other event may withhold its bytes.
 * The hash layouts are written here again from their specification, not shared with the ledger's code.
 *
 * <p>Usage: {@code java -jar evidence-verifier.jar <bundle.json> <public key: base64 X.509, or a file holding it>}.
 * Exit status 0 when verified, 1 when rejected, 2 when the input cannot be read.
 */
public final class EvidenceVerifier {
    static final String FORMAT = "consent-ledger/evidence/v1";
    private static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();
    /** The one event type whose stored bytes a bundle may withhold (they held secret material). */
    private static final String WITHHELD_TYPE = "jp.consentledger.kernel.provider.ProviderRegisteredEvent";

    /** The outcome: verified, or the reasons it is not. */
    public record Report(boolean verified, int eventsChecked, List<String> problems) {
    }

    private EvidenceVerifier() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java -jar evidence-verifier.jar <bundle.json> <public key (base64 X.509) or file>");
            System.exit(2);
        }
        Report report;
        JsonNode bundle;
        try {
            bundle = new ObjectMapper().readTree(Path.of(args[0]).toFile());
            report = verify(bundle, publicKey(args[1]));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("cannot read the input: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (report.verified()) {
            System.out.println("VERIFIED: " + report.eventsChecked() + " events, each included in the signed tree.");
            withheld(bundle).forEach(position -> System.out.println("  event at position " + position
                    + ": stored bytes withheld (they held a secret's hash); its place in the tree is proven, its content is not"));
        } else {
            System.out.println("REJECTED:");
            report.problems().forEach(p -> System.out.println("  - " + p));
        }
        System.exit(report.verified() ? 0 : 1);
    }

    static PublicKey publicKey(String argument) throws IOException {
        String text = argument;
        if (!argument.startsWith("MC") && Files.isRegularFile(Path.of(argument))) {
            text = Files.readString(Path.of(argument));
        }
        text = text.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (base64 X.509)", e);
        }
    }

    public static Report verify(JsonNode bundle, PublicKey publicKey) {
        List<String> problems = new ArrayList<>();
        if (!FORMAT.equals(bundle.path("format").asText())) {
            problems.add("not a " + FORMAT + " bundle");
            return new Report(false, 0, problems);
        }
        JsonNode checkpoint = bundle.path("checkpoint");
        long treeSize = checkpoint.path("treeSize").asLong(-1);
        long lastGlobalIndex = checkpoint.path("lastGlobalIndex").asLong(-1);
        String root = checkpoint.path("rootHash").asText("");
        String keyId = checkpoint.path("keyId").asText("");

        String expectedKeyId = "ed25519:" + HEX.formatHex(Arrays.copyOf(sha256(publicKey.getEncoded()), 8));
        if (!expectedKeyId.equals(keyId)) {
            problems.add("the checkpoint names key " + keyId + ", not the given key " + expectedKeyId);
        }
        byte[] statement = String.join("\n", "consent-ledger/checkpoint/v1", Long.toString(treeSize), root,
                Long.toString(lastGlobalIndex), checkpoint.path("signedAt").asText(""), keyId).getBytes(StandardCharsets.UTF_8);
        if (!signatureHolds(publicKey, statement, checkpoint.path("signature").asText(""))) {
            problems.add("the checkpoint's signature does not verify under the given key");
        }

        Map<String, JsonNode> byAggregateSequence = new HashMap<>();
        JsonNode events = bundle.path("events");
        if (!events.isArray() || events.isEmpty()) {
            problems.add("the bundle holds no events");
        }
        long previousPosition = Long.MIN_VALUE;
        long previousLeaf = Long.MIN_VALUE;
        for (JsonNode event : events) {
            long position = event.path("position").asLong();
            long leafIndex = event.path("leafIndex").asLong(-1);
            String where = "event at position " + position;
            if (isWithheld(event)) {
                if (!WITHHELD_TYPE.equals(event.path("payloadType").asText()) || !"1".equals(event.path("payloadRevision").asText())) {
                    problems.add(where + ": its stored bytes are missing");
                    continue;
                }
            }
            byte[] payload;
            byte[] metaData;
            try {
                payload = Base64.getDecoder().decode(event.path("payloadBase64").asText(""));
                metaData = event.path("metaDataBase64").isTextual()
                        ? Base64.getDecoder().decode(event.path("metaDataBase64").asText()) : null;
            } catch (IllegalArgumentException e) {
                problems.add(where + ": stored bytes are not base64");
                continue;
            }
            String previousHash = event.path("previousHash").asText("");
            String chainHash = event.path("chainHash").asText("");
            String recomputed = isWithheld(event) ? chainHash : chainHash(previousHash, event, payload, metaData);
            if (!recomputed.equals(chainHash)) {
                problems.add(where + ": its stored bytes do not give its chain hash");
            }
            if (!isWithheld(event) && !readableMatchesStored(event.path("payload"), payload)) {
                problems.add(where + ": the readable payload differs from the stored bytes");
            }
            long sequence = event.path("sequenceNumber").asLong();
            if (sequence == 0 && !GENESIS.equals(previousHash)) {
                problems.add(where + ": an aggregate's first event must follow the genesis hash");
            }
            byAggregateSequence.put(event.path("aggregateId").asText() + "#" + sequence, event);
            if (position <= previousPosition || leafIndex <= previousLeaf) {
                problems.add(where + ": events are not in the log's order");
            }
            previousPosition = position;
            previousLeaf = leafIndex;
            if (leafIndex < 0 || leafIndex >= treeSize || position > lastGlobalIndex) {
                problems.add(where + ": not covered by the signed tree of size " + treeSize);
                continue;
            }
            List<byte[]> proof = new ArrayList<>();
            try {
                event.path("inclusionProof").forEach(node -> proof.add(HEX.parseHex(node.asText())));
                byte[] leaf = leafHash(position, HEX.parseHex(recomputed));
                if (!includes(leafIndex, treeSize, leaf, proof, HEX.parseHex(root))) {
                    problems.add(where + ": its inclusion proof does not lead to the signed root");
                }
            } catch (IllegalArgumentException e) {
                problems.add(where + ": malformed hashes in its proof");
            }
        }
        for (Map.Entry<String, JsonNode> entry : byAggregateSequence.entrySet()) {
            JsonNode event = entry.getValue();
            long sequence = event.path("sequenceNumber").asLong();
            JsonNode previous = byAggregateSequence.get(event.path("aggregateId").asText() + "#" + (sequence - 1));
            if (previous != null && !previous.path("chainHash").asText().equals(event.path("previousHash").asText())) {
                problems.add("event at position " + event.path("position").asLong()
                        + ": does not link to the previous event of its aggregate");
            }
        }
        return new Report(problems.isEmpty(), events.size(), problems);
    }

    /** Positions of the events whose stored bytes the bundle withholds. */
    public static List<Long> withheld(JsonNode bundle) {
        List<Long> positions = new ArrayList<>();
        bundle.path("events").forEach(event -> {
            if (isWithheld(event)) {
                positions.add(event.path("position").asLong());
            }
        });
        return positions;
    }

    private static boolean isWithheld(JsonNode event) {
        return event.path("payloadBase64").isNull() || event.path("payloadBase64").isMissingNode();
    }

    /** kernel.audit.EventChain v1: SHA-256 over a domain tag, the previous hash and the length-prefixed columns. */
    static String chainHash(String previousHash, JsonNode event, byte[] payload, byte[] metaData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("consent-ledger/event-chain/v1\0".getBytes(StandardCharsets.US_ASCII));
        try {
            out.writeBytes(HEX.parseHex(previousHash));
        } catch (IllegalArgumentException e) {
            return "";
        }
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

    private static boolean readableMatchesStored(JsonNode readable, byte[] payload) {
        try {
            return new ObjectMapper().readTree(payload).equals(readable);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean signatureHolds(PublicKey key, byte[] statement, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(statement);
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
