package jp.consentledger.query.audit;

import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.query.audit.asof.PastStateController;
import jp.consentledger.query.audit.asof.LinkageState;
import jp.consentledger.query.audit.asof.Reconstruction;
import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.validity.ConsentFacts;
import jp.consentledger.validity.ValidityReason;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * State "as of" many random instants, read from the audit index, equals a brute-force replay of the whole
 * store up to that instant (both clocks: occurred by {@code at}, recorded by {@code knownAt}); and the audit
 * token check equals the brute-force live view (everything recorded by the instant).
 */
class AsOfReconstructionTest extends SharedAuditStore {
    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ConnectionProvider connections;
    @Autowired
    TransactionManager transactions;
    @Autowired
    EventStore eventStore;
    @Autowired
    PastStateController audit;
    @Autowired
    Reconstruction reconstruction;

    record Stored(Object payload, Instant recordedAt) {
        Instant occurredAt() {
            return payload instanceof LedgerEvent e ? e.occurredAt() : recordedAt;
        }
    }

    @Test
    void stateAtRandomInstantsEqualsABruteForceReplay() throws Exception {
        TestLedger ledger = new TestLedger(connections, transactions);
        RandomHistory history = RandomHistory.write(ledger, 20260401L, "asof", START, 300);
        await().until(() -> jdbc.sql("SELECT COUNT(*) FROM read_model.audit_event").query(Long.class).single()
                .equals(ledger.storedCount()));
        List<Stored> store = wholeStore();

        Random random = new Random(7);
        long span = history.end.toEpochMilli() - START.toEpochMilli() + 48 * 3_600_000L;
        java.util.Set<ValidityReason> seen = java.util.EnumSet.noneOf(ValidityReason.class);
        for (int i = 0; i < 250; i++) {
            Instant at = START.minusSeconds(3600).plusMillis((long) (random.nextDouble() * span));
            Instant knownAt = random.nextInt(3) == 0 ? null : at.plusMillis(random.nextInt(4 * 3_600_000) - 2 * 3_600_000L);
            RandomHistory.Linkage linkage = history.linkages.get(random.nextInt(history.linkages.size()));
            TokenHash tokenHash = TestLedger.tokenHash(linkage.id());

            Map<Scope, ValidityReason> expected = reasons(store, e -> !e.occurredAt().isAfter(at)
                    && (knownAt == null || !e.recordedAt().isAfter(knownAt)), tokenHash, at);
            LinkageState state = reconstruction.linkageAt(new LinkageId(linkage.id()), at, knownAt);
            assertThat(state.reasons()).as("%s at %s known at %s", linkage.id(), at, knownAt).isEqualTo(expected);

            Scope scope = random.nextBoolean() ? Scope.BALANCE : Scope.TRANSACTIONS;
            ValidityReason live = reasons(store, e -> !e.recordedAt().isAfter(at), tokenHash, at).get(scope);
            PastStateController.AuditTokenCheck check = audit.tokenCheck(new PastStateController.AuditTokenCheckRequest(
                    null, tokenHash, scope, at.atOffset(ZoneOffset.ofHours(9))));
            assertThat(check.reason()).as("token of %s at %s", linkage.id(), at).isEqualTo(live);

            if (i % 25 == 0) { // and the same over HTTP
                JsonNode body = http.getForObject("/api/v1/audit/linkages/" + linkage.id() + "/state?at=" + at
                        + (knownAt == null ? "" : "&knownAt=" + knownAt), JsonNode.class);
                assertThat(body.path("reasons").path("BALANCE").asText()).isEqualTo(expected.get(Scope.BALANCE).name());
            }
            seen.addAll(expected.values());
        }
        // The instants were not all alike: the comparison covered the rule's many answers.
        assertThat(seen).contains(ValidityReason.VALID, ValidityReason.UNKNOWN_TOKEN, ValidityReason.REVOKED,
                ValidityReason.EXPIRED, ValidityReason.SCOPE_NOT_GRANTED);
    }

    /** Every event in the store, read through Axon (not through the audit index), in global order. */
    private List<Stored> wholeStore() throws Exception {
        List<Stored> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                events.add(new Stored(message.getPayload(), message.getTimestamp()));
            }
        }
        return events;
    }

    private static Map<Scope, ValidityReason> reasons(List<Stored> store, Predicate<Stored> filter, TokenHash tokenHash, Instant at) {
        ConsentFacts facts = new ConsentFacts();
        store.stream().filter(filter).forEach(e -> facts.apply(e.payload()));
        Map<Scope, ValidityReason> reasons = new EnumMap<>(Scope.class);
        for (Scope scope : Scope.values()) {
            reasons.put(scope, facts.check(tokenHash, scope, at).reason());
        }
        return reasons;
    }
}
