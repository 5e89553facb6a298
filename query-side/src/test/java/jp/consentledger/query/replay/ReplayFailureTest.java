package jp.consentledger.query.replay;

import jp.consentledger.query.audit.index.EventRows;
import jp.consentledger.query.audit.index.JdbcEventRows;
import jp.consentledger.query.position.EventPositions;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replay that dies of an Error (the heap run out over a big store, as a full torture run found) answers FAILED,
 * naming it, and does not stay RUNNING for ever.
 */
class ReplayFailureTest {

    @Test
    void aReplayThatDiesOfAnErrorAnswersFailedNamingIt() {
        SingleConnectionDataSource live = new SingleConnectionDataSource("jdbc:h2:mem:replay-failure", "sa", "", true);
        JdbcClient jdbc = JdbcClient.create(live);
        jdbc.sql("CREATE TABLE domain_event_entry (global_index BIGINT)").update();
        EventRows events = new JdbcEventRows(jdbc);
        EventPositions positions = new EventPositions(jdbc, false);
        // The event store's stream runs out of heap as the replay opens it.
        EventStore store = (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(), new Class<?>[] {EventStore.class},
                (proxy, method, args) -> {
                    throw new OutOfMemoryError("Java heap space (simulated)");
                });
        Replays replays = new Replays(store, events, new RebuiltProjections(events, positions), null, positions,
                Clock.systemUTC());

        String id = replays.start().replayId();

        await().atMost(Duration.ofSeconds(30)).until(() -> replays.get(id).orElseThrow().state() != Replays.State.RUNNING);
        Replays.Replay replay = replays.get(id).orElseThrow();
        assertThat(replay.state()).isEqualTo(Replays.State.FAILED);
        assertThat(replay.failure()).contains("OutOfMemoryError");
        live.destroy();
    }
}
