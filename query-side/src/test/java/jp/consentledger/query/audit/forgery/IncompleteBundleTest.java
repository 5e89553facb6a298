package jp.consentledger.query.audit.forgery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Completeness (issue 14): a bundle that drops, reorders, duplicates or adds an event, or swaps in another subject's
 * genuine events, is rejected, and the verifier names what is missing or extra.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncompleteBundleTest extends ForgedBundles {
    @Autowired
    TestRestTemplate http;

    @BeforeAll
    void dispute(@Autowired ConnectionProvider connections, @Autowired TransactionManager transactions) {
        writeTheDisputeOnce(http, connections, transactions);
    }

    @Test
    void droppingTheFirstAMiddleOrTheLastEventOfAnyAggregateTheStateRestsOnIsRejected() {
        Map<String, List<Long>> byAggregate = new LinkedHashMap<>();
        genuine.path("events").forEach(e -> byAggregate.computeIfAbsent(e.path("aggregateId").asText(), a -> new ArrayList<>())
                .add(e.path("position").asLong()));
        assertThat(byAggregate).containsKeys(ACCOUNT, PROVIDER, "forgery-v1", "susp-forgery", "breach-forgery");
        assertThat(byAggregate.get(ACCOUNT)).hasSize(4);
        int forgeries = 0;
        for (List<Long> positions : byAggregate.values()) {
            for (long position : new TreeSet<>(List.of(positions.get(0), positions.get(positions.size() / 2),
                    positions.get(positions.size() - 1)))) {
                // As cut out, the subjects still list it; tidied, they do not; tidied and recounted, the signed entry differs.
                rejected(genuine, b -> events(b).remove(indexOf(b, position)), "lists position " + position
                        + ", which the bundle does not hold (missing event)");
                rejected(genuine, b -> dropEverywhere(b, position, false), "1 missing");
                rejected(genuine, b -> dropEverywhere(b, position, true), "is not the one its proof holds");
                forgeries += 3;
            }
        }
        assertThat(forgeries).isGreaterThanOrEqualTo(27);
    }

    @Test
    void theIssuesForgeryTheConfirmationRemovedAndTheStateSaidActiveIsRejected() {
        long confirmation = positionOf(genuine, "LinkageRevocationConfirmedEvent");
        rejected(genuine, b -> {
            dropEverywhere(b, confirmation, true);
            ObjectNode state = (ObjectNode) b.path("derivedState");
            state.put("status", "ACTIVE");
            ((ObjectNode) state.path("reasons")).put("BALANCE", "VALID").put("TRANSACTIONS", "VALID");
        }, "subject linkage:" + LINKAGE);
    }

    @Test
    void reorderedEventsOrPositionsAreRejected() {
        rejected(genuine, b -> {
            JsonNode first = events(b).remove(0);
            events(b).insert(1, first);
        }, "events are not in the log's order");
        rejected(genuine, b -> {
            ArrayNode positions = (ArrayNode) subject(b, "account:" + ACCOUNT).path("positions");
            JsonNode first = positions.remove(0);
            positions.add(first);
        }, "subject account:" + ACCOUNT + ": its events are not in the log's order");
    }

    @Test
    void aDuplicatedEventPositionOrSubjectIsRejected() {
        rejected(genuine, b -> events(b).insert(3, events(b).get(3).deepCopy()), "appears twice");
        rejected(genuine, b -> ((ArrayNode) subject(b, "linkage:" + LINKAGE).path("positions")).insert(1,
                subject(b, "linkage:" + LINKAGE).path("positions").get(0).asLong()), "its events are not in the log's order");
        rejected(genuine, b -> ((ArrayNode) b.path("subjects")).add(subject(b, "terms").deepCopy()), "subject terms: appears twice");
    }

    @Test
    void anUnrelatedGenuineEventAddedIsRejectedAsExtra() {
        JsonNode unrelated = elsewhere.path("events").get(indexOf(elsewhere, positionOf(elsewhere, "LinkageGrantedEvent")));
        long position = unrelated.path("position").asLong();
        rejected(genuine, b -> insertInOrder(b, unrelated), "event at position " + position
                + ": extra, it is listed under none of the bundle's subjects");
        rejected(genuine, b -> {
            insertInOrder(b, unrelated);
            ArrayNode positions = (ArrayNode) subject(b, "account:" + ACCOUNT).path("positions");
            List<Long> sorted = new ArrayList<>();
            positions.forEach(p -> sorted.add(p.asLong()));
            sorted.add(position);
            positions.removeAll();
            sorted.stream().sorted().forEach(positions::add);
        }, "lists the event at position " + position + ", which does not bear on it");
        rejected(genuine, b -> ((ArrayNode) b.path("subjects")).add(subject((ObjectNode) elsewhere, "account:acc-elsewhere").deepCopy()),
                "subject account:acc-elsewhere: extra, the bundle's state does not rest on it");
    }

    @Test
    void anotherSubjectsGenuineEventsSwappedInAreRejected() {
        rejected(genuine, b -> {
            ((ArrayNode) b.path("subjects")).remove(indexOfSubject(b, "provider:" + PROVIDER));
            ((ArrayNode) b.path("subjects")).add(subject((ObjectNode) elsewhere, "provider:prov-elsewhere").deepCopy());
        }, "subject provider:" + PROVIDER + ": missing");
        // The other account's entry and events under this account's key: its proof is for another key.
        rejected(genuine, b -> {
            ObjectNode swapped = subject((ObjectNode) elsewhere, "account:acc-elsewhere").deepCopy();
            swapped.put("key", "account:" + ACCOUNT);
            ((ArrayNode) b.path("subjects")).set(indexOfSubject(b, "account:" + ACCOUNT), swapped);
            swapped.path("positions").forEach(p -> insertInOrder(b, elsewhere.path("events").get(indexOf(elsewhere, p.asLong()))));
        }, "subject account:" + ACCOUNT + ": lists the event at position");
    }

    /** Removes the event and its position from every subject; {@code recount}: the subjects' counts and heads follow. */
    private static void dropEverywhere(ObjectNode bundle, long position, boolean recount) {
        events(bundle).remove(indexOf(bundle, position));
        for (JsonNode subject : bundle.path("subjects")) {
            ArrayNode positions = (ArrayNode) subject.path("positions");
            for (int i = 0; i < positions.size(); i++) {
                if (positions.get(i).asLong() == position) {
                    positions.remove(i);
                    if (recount) {
                        ((ObjectNode) subject).put("eventCount", positions.size());
                    }
                }
            }
        }
    }

    private static void insertInOrder(ObjectNode bundle, JsonNode event) {
        ArrayNode events = events(bundle);
        int at = 0;
        while (at < events.size() && events.get(at).path("position").asLong() < event.path("position").asLong()) {
            at++;
        }
        events.insert(at, event.deepCopy());
    }

    private static int indexOfSubject(JsonNode bundle, String key) {
        for (int i = 0; i < bundle.path("subjects").size(); i++) {
            if (bundle.path("subjects").get(i).path("key").asText().equals(key)) {
                return i;
            }
        }
        throw new AssertionError("no subject " + key);
    }

    static long positionOf(JsonNode bundle, String type) {
        for (JsonNode event : bundle.path("events")) {
            if (event.path("type").asText().equals(type)) {
                return event.path("position").asLong();
            }
        }
        throw new AssertionError("no " + type);
    }
}
