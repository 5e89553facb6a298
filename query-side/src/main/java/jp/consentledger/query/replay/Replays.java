package jp.consentledger.query.replay;

import jp.consentledger.validity.ConsentFacts;
import jp.consentledger.query.audit.index.EventRows;
import jp.consentledger.query.position.EventPositions;
import jp.consentledger.query.role.FullNode;
import jp.consentledger.query.tokencheck.TokenValidityModel;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Rebuilds every read model from the events into fresh storage while the live ones keep serving: the
 * JDBC projections ({@link RebuiltProjections}) run their own handlers against a new H2 database migrated by the
 * query side's migrations, and the token-validity fold runs into a fresh {@link ConsentFacts}.
 * <p>
 * The rebuild stops at a target: the last position recorded when the replay starts, once every event at
 * or before it has been read ({@link Rebuild}). The JDBC models are compared at that target only
 * ({@link ReadModelComparison}): the ledger keeps recording while a replay runs, and a live row changed
 * since says nothing about the rebuild. The in-memory token-validity model keeps no positions per linkage,
 * so the fold is carried on to the live model's position and compared linkage by linkage there ({@link LiveComparison}).
 */
@FullNode
@Component
public class Replays {
    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    public enum State { RUNNING, DONE, FAILED }

    public record Replay(String replayId, State state, Instant startedAt, Instant finishedAt, long targetPosition,
                         long position, long eventsProcessed, List<String> models, Boolean equal,
                         List<ReadModelComparison.Difference> differences, String failure) {
    }

    private final Map<String, Replay> replays = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "audit-replay");
        thread.setDaemon(true);
        return thread;
    });
    private final EventStore eventStore;
    private final EventRows events;
    private final RebuiltProjections rebuiltProjections;
    private final LiveComparison liveComparison;
    private final EventPositions positions;
    private final Clock clock;

    Replays(EventStore eventStore, EventRows events, RebuiltProjections rebuiltProjections, LiveComparison liveComparison,
            EventPositions positions, Clock clock) {
        this.eventStore = eventStore;
        this.events = events;
        this.rebuiltProjections = rebuiltProjections;
        this.liveComparison = liveComparison;
        this.positions = positions;
        this.clock = clock;
    }

    public Replay start() {
        String id = UUID.randomUUID().toString();
        Replay replay = new Replay(id, State.RUNNING, clock.instant(), null, events.head(), -1, 0, List.of(), null,
                List.of(), null);
        replays.put(id, replay);
        worker.submit(() -> run(id));
        return replay;
    }

    public Optional<Replay> get(String id) {
        return Optional.ofNullable(replays.get(id));
    }

    private void run(String id) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ledger-replay-");
            String url = "jdbc:h2:file:" + dir.resolve("replay") + ";DB_CLOSE_ON_EXIT=FALSE;MAX_MEMORY_ROWS=10000";
            Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/query/h2")
                    .table("flyway_history_query").load().migrate();
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, "sa", "", true);
            dataSource.setAutoCommit(false);
            try (Connection connection = dataSource.getConnection()) {
                rebuildAndCompare(id, new JdbcTemplate(dataSource), connection);
            } finally {
                dataSource.destroy();
            }
        } catch (Exception | Error e) {
            // Errors too (a heap run out over a big store): the executor's Future would swallow one, and the replay
            // would answer RUNNING for ever, as a full torture run found.
            log.error("Replay {} failed", id, e);
            replays.computeIfPresent(id, (k, r) -> new Replay(k, State.FAILED, r.startedAt(), clock.instant(),
                    r.targetPosition(), r.position(), r.eventsProcessed(), r.models(), null, List.of(), e.toString()));
        } finally {
            deleteQuietly(dir);
        }
    }

    private void rebuildAndCompare(String id, JdbcTemplate rebuiltTemplate, Connection connection) throws Exception {
        Map<String, AnnotationEventHandlerAdapter> projections = rebuiltProjections.into(rebuiltTemplate);
        List<String> models = new ArrayList<>(projections.keySet());
        models.add(TokenValidityModel.PROCESSING_GROUP);
        long target = replays.get(id).targetPosition();
        Rebuild rebuild = new Rebuild(id, target, positions, projections.values(), connection,
                (position, processed) -> progress(id, models, position, processed));
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            rebuild.readUpToTarget(stream);
            List<ReadModelComparison.Difference> found =
                    liveComparison.differences(rebuiltTemplate.getDataSource(), target, rebuild, stream);
            replays.computeIfPresent(id, (k, r) -> new Replay(k, State.DONE, r.startedAt(), clock.instant(),
                    r.targetPosition(), rebuild.position(), rebuild.processed(), models, found.isEmpty(), found, null));
        }
    }

    private void progress(String id, List<String> models, long position, long processed) {
        replays.computeIfPresent(id, (k, r) -> new Replay(k, State.RUNNING, r.startedAt(), null,
                Math.max(r.targetPosition(), position), position, processed, models, null, List.of(), null));
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete the replay database in {}", dir, e);
        }
    }
}
