package jp.consentledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.kernel.audit.EventSubjects;
import jp.consentledger.verifier.ShownEvents.Shown;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * That the bundle holds every event of every subject its state rests on, up to the signed checkpoint: per
 * subject, the chain over the events shown must give the head, and their number the count, of the subject's
 * entry in the signed subject index (whose proof leads to the root the checkpoint signs). Which subjects are
 * needed is the kernel's rule ({@link EventSubjects#required}), applied to the events shown.
 */
final class Completeness {
    private Completeness() {
    }

    static void check(String subjectKey, JsonNode subjects, List<Shown> events, Checkpoint checkpoint, List<String> problems) {
        Map<Long, Shown> byPosition = new LinkedHashMap<>();
        events.forEach(e -> byPosition.put(e.position(), e));
        Set<String> required = EventSubjects.required(subjectKey, events.stream().map(Shown::payload).toList());
        Set<String> shown = new TreeSet<>();
        Set<Long> listed = new HashSet<>();
        for (JsonNode subject : subjects) {
            String key = Json.text(subject, "key", "a subject");
            String where = "subject " + key;
            if (!shown.add(key)) {
                problems.add(where + ": appears twice");
                continue;
            }
            if (!required.contains(key)) {
                problems.add(where + ": extra, the bundle's state does not rest on it");
            }
            List<Long> positions = new ArrayList<>();
            Json.array(subject, "positions", where).forEach(p -> positions.add(p.asLong()));
            listed.addAll(positions);
            chain(key, where, subject, positions, byPosition, problems);
            proof(key, where, subject, checkpoint, problems);
        }
        for (String key : required) {
            if (!shown.contains(key)) {
                problems.add("subject " + key + ": missing, though the bundle's state rests on it");
            }
        }
        for (Shown event : events) {
            Set<String> keys = EventSubjects.of(event.payload());
            if (!listed.contains(event.position())) {
                problems.add("event at position " + event.position() + ": extra, it is listed under none of the bundle's subjects");
            }
            for (String key : keys) {
                if (shown.contains(key) && !listedUnder(subjects, key, event.position())) {
                    problems.add("event at position " + event.position() + ": bears on subject " + key + " but is not listed under it");
                }
            }
        }
    }

    private static boolean listedUnder(JsonNode subjects, String key, long position) {
        for (JsonNode subject : subjects) {
            if (key.equals(subject.path("key").asText())) {
                for (JsonNode p : subject.path("positions")) {
                    if (p.asLong() == position) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The subject's chain, recomputed from the events shown, against the count and head the bundle states. */
    private static void chain(String key, String where, JsonNode subject, List<Long> positions, Map<Long, Shown> byPosition,
                              List<String> problems) {
        long count = Json.number(subject, "eventCount", where);
        String statedHead = Json.text(subject, "head", where);
        String head = Hashes.GENESIS;
        long previous = Long.MIN_VALUE;
        for (long position : positions) {
            Shown event = byPosition.get(position);
            if (position <= previous) {
                problems.add(where + ": its events are not in the log's order at position " + position);
            }
            previous = position;
            if (event == null) {
                problems.add(where + ": lists position " + position + ", which the bundle does not hold (missing event)");
                continue;
            }
            if (!EventSubjects.of(event.payload()).contains(key)) {
                problems.add(where + ": lists the event at position " + position + ", which does not bear on it");
            }
            head = Hashes.subjectStep(head, position, event.chainHash());
        }
        if (count != positions.size()) {
            problems.add(where + ": the signed index counts " + count + " events up to the checkpoint, the bundle shows "
                    + positions.size() + (count > positions.size() ? " (" + (count - positions.size()) + " missing)"
                    : " (" + (positions.size() - count) + " extra)"));
        } else if (!head.equals(statedHead)) {
            problems.add(where + ": its events do not chain to the signed head (one is missing, extra, altered or out of order)");
        }
    }

    /** The entry (key, count, head) through its bucket and the 16 levels above it to the signed subject root. */
    private static void proof(String key, String where, JsonNode subject, Checkpoint checkpoint, List<String> problems) {
        JsonNode proof = Json.object(subject, "proof", where);
        long count = Json.number(subject, "eventCount", where);
        String head = Json.text(subject, "head", where);
        int bucket = (int) Json.number(proof, "bucket", where + "'s proof");
        int index = (int) Json.number(proof, "entryIndex", where + "'s proof");
        List<String[]> entries = new ArrayList<>();
        for (JsonNode entry : Json.array(proof, "bucketEntries", where + "'s proof")) {
            String keyHash = Json.text(entry, "keyHash", where + "'s proof");
            String entryHash = Json.text(entry, "entryHash", where + "'s proof");
            if (!Hashes.isHash(keyHash) || !Hashes.isHash(entryHash)) {
                problems.add(where + ": its index proof holds a malformed hash");
                return;
            }
            entries.add(new String[] {keyHash, entryHash});
        }
        List<byte[]> path = new ArrayList<>();
        for (JsonNode sibling : Json.array(proof, "path", where + "'s proof")) {
            if (!Hashes.isHash(sibling.asText(null))) {
                problems.add(where + ": its index proof holds a malformed hash");
                return;
            }
            path.add(Hashes.HEX.parseHex(sibling.asText()));
        }
        if (bucket != Hashes.bucket(key) || path.size() != Hashes.SUBJECT_DEPTH || !Hashes.isHash(head)) {
            problems.add(where + ": its index proof is not for this key (bucket or path length)");
            return;
        }
        String keyHash = Hashes.keyHash(key);
        if (index < 0) {
            if (count != 0 || entries.stream().anyMatch(e -> e[0].equals(keyHash))) {
                problems.add(where + ": its index proof claims no entry, but the index holds one");
            }
        } else if (index >= entries.size() || !entries.get(index)[0].equals(keyHash)
                || !entries.get(index)[1].equals(Hashes.subjectEntry(key, count, head))) {
            problems.add(where + ": its index entry (count " + count + ", head) is not the one its proof holds");
            return;
        }
        byte[] root = Hashes.subjectRoot(bucket, Hashes.bucketHash(entries), path);
        if (!Hashes.HEX.formatHex(root).equals(checkpoint.subjectRoot())) {
            problems.add(where + ": its index proof does not lead to the signed subject root");
        }
    }
}
