package jp.consentledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.json.LedgerJson;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The bundle's events against their signed bytes: each one's chain hash recomputed from its stored columns, its
 * links within its aggregate, its inclusion proof to the signed root; and every readable field (type, times,
 * payload copy, position) equal to what those bytes say. The one exception is a {@link Withheld} event.
 */
final class ShownEvents {
    private static final ObjectMapper LEDGER_JSON = LedgerJson.objectMapper();
    private static final ObjectMapper PLAIN_JSON = new ObjectMapper();

    /** An event as the stored bytes say it is; {@code payload} is the kernel's event, null for an unknown type. */
    record Shown(long position, String chainHash, Object payload, Instant occurredAt) {
    }

    private ShownEvents() {
    }

    static List<Shown> check(JsonNode events, Checkpoint checkpoint, List<String> problems) {
        List<Shown> shown = new ArrayList<>();
        Map<String, JsonNode> byAggregateSequence = new HashMap<>();
        long previousPosition = Long.MIN_VALUE;
        for (JsonNode event : events) {
            long position = Json.number(event, "position", "an event");
            String where = "event at position " + position;
            long leafIndex = Json.number(event, "leafIndex", where);
            long sequence = Json.number(event, "sequenceNumber", where);
            String previousHash = Json.text(event, "previousHash", where);
            String chainHash = Json.text(event, "chainHash", where);
            String payloadType = Json.text(event, "payloadType", where);
            String timeStamp = Json.text(event, "timeStamp", where);
            Json.text(event, "eventId", where);
            Json.text(event, "aggregateId", where);
            JsonNode proofNode = Json.array(event, "inclusionProof", where);
            boolean withheld = Withheld.is(event);
            if (withheld && !Withheld.allowed(event)) {
                problems.add(where + ": its stored bytes are missing (only a provider registration of revision 1,"
                        + " which held its secret's hash, may withhold them)");
                continue;
            }
            byte[] payload;
            byte[] metaData;
            try {
                payload = withheld ? null : Base64.getDecoder().decode(Json.text(event, "payloadBase64", where));
                String meta = Json.optionalText(event, "metaDataBase64", where);
                metaData = meta == null ? null : Base64.getDecoder().decode(meta);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": its stored bytes are not base64");
                continue;
            }
            if (position == previousPosition) {
                problems.add(where + ": appears twice");
                continue;
            }
            if (position < previousPosition) {
                problems.add(where + ": events are not in the log's order (it follows position " + previousPosition + ")");
            }
            previousPosition = position;
            if (!Hashes.isHash(previousHash) || !Hashes.isHash(chainHash)) {
                problems.add(where + ": its hash links are not 64 hex digits");
                continue;
            }
            // Layout 1 (the JDBC store's columns) when a bundle does not say: bundles from before layout 2 said nothing.
            JsonNode layout = event.path("chainLayout");
            int chainLayout = layout.isMissingNode() || layout.isNull() ? 1 : layout.isInt() ? layout.asInt() : -1;
            if (chainLayout != 1 && chainLayout != 2) {
                problems.add(where + ": its chainLayout is not 1 or 2, the layouts this verifier knows");
                continue;
            }
            // A withheld event's chain hash is taken as given: still held to the signed tree and its aggregate's links.
            String recomputed = withheld ? chainHash : Hashes.chainHash(chainLayout, previousHash, event, payload, metaData);
            if (!recomputed.equals(chainHash)) {
                problems.add(where + ": its stored bytes do not give its chain hash");
            }
            if (sequence == 0 && !Hashes.GENESIS.equals(previousHash)) {
                problems.add(where + ": an aggregate's first event must follow the genesis hash");
            }
            byAggregateSequence.put(event.path("aggregateId").asText() + "#" + sequence, event);
            included(where, position, leafIndex, recomputed, proofNode, checkpoint, problems);
            Object kernelEvent = withheld ? Withheld.readable(where, event, problems)
                    : kernelEvent(where, payloadType, payload, problems);
            Instant recordedAt = null;
            try {
                recordedAt = Instant.parse(timeStamp);
            } catch (DateTimeParseException e) {
                problems.add(where + ": its stored timeStamp is not an instant");
            }
            Instant occurredAt = kernelEvent instanceof LedgerEvent e ? e.occurredAt() : recordedAt;
            readable(where, event, payloadType, payload, occurredAt, recordedAt, problems);
            shown.add(new Shown(position, recomputed, kernelEvent, occurredAt));
        }
        for (JsonNode event : byAggregateSequence.values()) {
            JsonNode previous = byAggregateSequence.get(event.path("aggregateId").asText() + "#" + (event.path("sequenceNumber").asLong() - 1));
            if (previous != null && !previous.path("chainHash").asText().equals(event.path("previousHash").asText())) {
                problems.add("event at position " + event.path("position").asLong()
                        + ": does not link to the previous event of its aggregate (position " + previous.path("position").asLong() + ")");
            }
        }
        return shown;
    }

    private static void included(String where, long position, long leafIndex, String chainHash, JsonNode proofNode,
                                 Checkpoint checkpoint, List<String> problems) {
        if (leafIndex < 0 || leafIndex >= checkpoint.treeSize() || position > checkpoint.lastGlobalIndex()) {
            problems.add(where + ": not covered by the signed tree of size " + checkpoint.treeSize());
            return;
        }
        List<byte[]> proof = new ArrayList<>();
        for (JsonNode node : proofNode) {
            if (!Hashes.isHash(node.asText(null))) {
                problems.add(where + ": its inclusion proof holds a malformed hash");
                return;
            }
            proof.add(Hashes.HEX.parseHex(node.asText()));
        }
        if (!Hashes.includes(leafIndex, checkpoint.treeSize(), Hashes.leafHash(position, Hashes.HEX.parseHex(chainHash)), proof,
                Hashes.HEX.parseHex(checkpoint.rootHash()))) {
            problems.add(where + ": its inclusion proof does not lead to the signed root (leaf " + leafIndex + " of "
                    + checkpoint.treeSize() + ")");
        }
    }

    /** The kernel's event from its stored JSON; null for a type outside the kernel (kept in the log, bearing on nothing). */
    private static Object kernelEvent(String where, String payloadType, byte[] payload, List<String> problems) {
        Class<?> type;
        try {
            type = Class.forName(payloadType, false, ShownEvents.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        if (!type.getName().startsWith("jp.consentledger.kernel.")) {
            return null;
        }
        try {
            return LEDGER_JSON.readValue(payload, type);
        } catch (IOException | RuntimeException e) {
            problems.add(where + ": its stored payload does not read as a " + type.getSimpleName());
            return null;
        }
    }

    private static void readable(String where, JsonNode event, String payloadType, byte[] payload, Instant occurredAt,
                                 Instant recordedAt, List<String> problems) {
        try {
            if (payload != null && !PLAIN_JSON.readTree(payload).equals(event.path("payload"))) {
                problems.add(where + ": the readable payload differs from the stored bytes");
            }
        } catch (IOException e) {
            problems.add(where + ": its stored payload is not JSON");
        }
        String type = payloadType.substring(payloadType.lastIndexOf('.') + 1);
        if (!type.equals(event.path("type").asText())) {
            problems.add(where + ": the readable type '" + event.path("type").asText() + "' is not the stored " + type);
        }
        Instant shownOccurred = event.path("occurredAt").isTextual() ? Json.instant(event, "occurredAt", where) : null;
        if (!Objects.equals(shownOccurred, occurredAt)) {
            problems.add(where + ": the readable occurredAt " + event.path("occurredAt").asText()
                    + " is not the stored " + occurredAt);
        }
        Instant shownRecorded = event.path("recordedAt").isTextual() ? Json.instant(event, "recordedAt", where) : null;
        if (!Objects.equals(shownRecorded, recordedAt)) {
            problems.add(where + ": the readable recordedAt " + event.path("recordedAt").asText()
                    + " is not the stored " + recordedAt);
        }
    }
}
