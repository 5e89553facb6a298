package jp.consentledger.bench.asof;

import jp.consentledger.bench.history.GenerateHistory;
import jp.consentledger.bench.history.GeneratedHistory;
import jp.consentledger.bench.history.HistoryGenerator;
import jp.consentledger.bench.history.Progress;
import jp.consentledger.bench.history.StoreSchema;
import jp.consentledger.bench.replay.ReplayBench;
import jp.consentledger.serialization.EventStoreContract;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.token.TokenHasher;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.validity.ConsentFacts;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measure 6 asks only questions the audit index can already answer in full: on a real generated store,
 * the horizon computed for an index stopped at any position lies before every event it has not handled,
 * and an "as of" fold over the handled events alone gives the same linkage as over the whole store.
 */
class AsOfHorizonTest {
    private static final TokenHasher HASHER = new TokenHasher("bench-test-secret-0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    static Path dir;
    static GeneratedHistory history;
    static String url;
    /** The store's events in global order (position i + 1), read back as the query side reads them. */
    static final List<Object> events = new ArrayList<>();
    static final List<Instant> recordedAt = new ArrayList<>();
    static final Map<String, Long> grantPosition = new HashMap<>();

    @BeforeAll
    static void generate() throws Exception {
        url = StoreSchema.h2Url(dir);
        history = GenerateHistory.generateH2(Path.of("..").toAbsolutePath().normalize(), dir,
                new HistoryGenerator.Shape(1_500, 11), HASHER, NOW, Progress.silent());
        Serializer serializer = EventStoreContract.serializer();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT global_index, time_stamp, payload_type, payload_revision,"
                     + " payload FROM domain_event_entry ORDER BY global_index")) {
            while (rs.next()) {
                assertThat(rs.getLong(1)).as("global indexes from 1, without gaps").isEqualTo(events.size() + 1);
                Object event = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(5), byte[].class,
                        new SimpleSerializedType(rs.getString(3), rs.getString(4))));
                events.add(event);
                recordedAt.add(Instant.parse(rs.getString(2)));
                if (event instanceof LinkageGrantedEvent granted) {
                    grantPosition.put(granted.linkageId().value(), rs.getLong(1));
                }
            }
        }
    }

    @Test
    void globalPositionsFollowRecordingTimeAndOccurrenceLagsItByAtMostTheStatedBackdating() {
        long largest = 0;
        for (int p = 0; p < events.size(); p++) {
            if (p > 0) {
                assertThat(recordedAt.get(p)).as("position %d", p + 1).isAfterOrEqualTo(recordedAt.get(p - 1));
            }
            long lag = Duration.between(((LedgerEvent) events.get(p)).occurredAt(), recordedAt.get(p)).toMillis();
            assertThat(lag).as("position %d occurred after it was recorded", p + 1).isNotNegative();
            largest = Math.max(largest, lag);
        }
        // Revocations requested before the bank recorded them and breaches detected before they were reported.
        assertThat(largest).isPositive().isEqualTo(history.maxBackdating().toMillis());
        assertThat(recordedAt.get(recordedAt.size() - 1)).isBeforeOrEqualTo(history.generatedAt());
    }

    @Test
    void noEventAnIndexHasNotHandledOccurredByItsHorizon() throws Exception {
        int n = events.size();
        Instant[] earliestFrom = new Instant[n + 1]; // earliest occurrence among positions p + 1 .. n
        earliestFrom[n] = Instant.MAX;
        for (int p = n - 1; p >= 0; p--) {
            Instant occurred = ((LedgerEvent) events.get(p)).occurredAt();
            earliestFrom[p] = occurred.isBefore(earliestFrom[p + 1]) ? occurred : earliestFrom[p + 1];
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            for (int handled = 0; handled < n; handled += 7) {
                AsOfBench.Horizon horizon = AsOfBench.horizon(connection, history, handled);
                assertThat(horizon.indexed()).isEqualTo(handled);
                assertThat(horizon.at()).as("horizon of an index at %d", handled).isBefore(earliestFrom[handled]);
                assertThat(horizon.complete()).isFalse();
                // "As known at" reads only what the index holds: recorded before the first event it has not handled.
                assertThat(horizon.knownAt()).as("known-at of an index at %d", handled).isBefore(recordedAt.get(handled));
                if (handled > 0) {
                    assertThat(horizon.knownAt()).isAfterOrEqualTo(recordedAt.get(handled - 1).minusMillis(1));
                }
            }
            AsOfBench.Horizon caughtUp = AsOfBench.horizon(connection, history, n + 40);
            assertThat(caughtUp.complete()).isTrue();
            assertThat(caughtUp.indexed()).isEqualTo(n);
            assertThat(caughtUp.at()).isEqualTo(history.generatedAt());
            assertThat(caughtUp.knownAt()).isNull();
            assertThat(caughtUp.eligibleLinkages()).isEqualTo(history.linkages());
        }
    }

    @Test
    void questionsAtTheHorizonAreAnsweredByTheHandledEventsAsByTheWholeStore() throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            for (int handled : new int[]{events.size() / 5, events.size() / 2, events.size()}) {
                AsOfBench.Horizon horizon = AsOfBench.horizon(connection, history, handled);
                assertThat(horizon.eligibleLinkages()).isPositive();
                List<AsOfBench.Question> questions = AsOfBench.questions(history, horizon.at(), 150, new SplittableRandom(handled));
                for (AsOfBench.Question question : questions) {
                    String linkage = history.linkageId(question.linkage()).value();
                    assertThat(grantPosition.get(linkage)).as("grant of %s", linkage).isLessThanOrEqualTo(handled);
                    assertThat(question.at()).isBetween(history.grantedAt(question.linkage()), horizon.at());
                    // The query side's "as of": events in position order whose occurredAt is not after the instant.
                    ConsentFacts indexed = fold(handled, question.at());
                    ConsentFacts whole = fold(events.size(), question.at());
                    assertThat(indexed.linkage(history.linkageId(question.linkage())))
                            .as("%s as of %s", linkage, question.at())
                            .isNotNull().isEqualTo(whole.linkage(history.linkageId(question.linkage())));
                    for (Scope scope : Scope.values()) {
                        assertThat(indexed.check(HASHER.hash(history.token(question.linkage())), scope, question.at()))
                                .isEqualTo(whole.check(HASHER.hash(history.token(question.linkage())), scope, question.at()));
                    }
                }
            }
        }
    }

    @Test
    void anIndexPositionIsBelowItsLowestGapAndReadThroughAReplayToken() {
        assertThat(ReplayBench.position(null)).isZero();
        assertThat(ReplayBench.position(json("{\"index\":5000,\"gaps\":[]}"))).isEqualTo(5000);
        assertThat(ReplayBench.position(json("{\"index\":5000,\"gaps\":[4990,4995]}"))).isEqualTo(4989);
        assertThat(ReplayBench.position(json("{\"tokenAtReset\":{\"index\":90000,\"gaps\":[]},"
                + "\"currentToken\":{\"index\":1200,\"gaps\":[]},\"context\":null}"))).isEqualTo(1200);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ConsentFacts fold(int handled, Instant at) {
        ConsentFacts facts = new ConsentFacts();
        for (int p = 0; p < handled; p++) {
            if (!((LedgerEvent) events.get(p)).occurredAt().isAfter(at)) {
                facts.apply(events.get(p));
            }
        }
        return facts;
    }
}
