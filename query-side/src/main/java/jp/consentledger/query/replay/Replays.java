package jp.consentledger.query.replay;

import jp.consentledger.kernel.validity.ConsentFacts;
import jp.consentledger.query.audit.index.EventRows;
import jp.consentledger.query.position.EventPositions;
import jp.consentledger.query.role.FullNode;
import jp.consentledger.query.tokencheck.TokenValidityModel;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Rebuilds every read model from the events into fresh storage while the live ones keep serving: the
 * JDBC projections (every {@code @ProcessingGroup} bean that writes through a JdbcClient or a JdbcTemplate)
 * run their own handlers against a new H2 database migrated by the query side's migrations, and the
 * token-validity fold runs into a fresh {@link ConsentFacts}.
 * <p>
 * The rebuild stops at a target: the last position recorded when the replay starts, once every event at
 * or before it has been read (an event committed late fills its gap; a gap still open after
 * {@link #GAP_WAIT} is taken for a rolled-back transaction). The JDBC models are compared at that target
 * only ({@link ReadModelComparison}): the ledger keeps recording while a replay runs, and a live row changed
 * since says nothing about the rebuild. The in-memory token-validity model keeps no positions per linkage,
 * so the fold is carried on to the live model's position and compared linkage by linkage there.
 */
@FullNode
@Component
public class Replays {
    private static final Logger log = LoggerFactory.getLogger(Replays.class);
    private static final int COMMIT_EVERY = 500;
    private static final int COMPARE_ATTEMPTS = 20;
    /** How long the rebuild waits for a position at or before its target that no committed event holds yet. */
    static final Duration GAP_WAIT = Duration.ofSeconds(5);

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
    private final ApplicationContext context;
    private final EventStore eventStore;
    private final EventRows events;
    private final JdbcClient live;
    private final TokenValidityModel tokenValidity;
    private final EventProcessingConfiguration processing;
    private final EventPositions positions;
    private final Clock clock;

    public Replays(ApplicationContext context, EventStore eventStore, EventRows events, JdbcClient live,
                   TokenValidityModel tokenValidity, EventProcessingConfiguration processing, EventPositions positions,
                   Clock clock) {
        this.context = context;
        this.positions = positions;
        this.eventStore = eventStore;
        this.events = events;
        this.live = live;
        this.tokenValidity = tokenValidity;
        this.processing = processing;
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
            String url = "jdbc:h2:file:" + dir.resolve("replay") + ";DB_CLOSE_ON_EXIT=FALSE";
            Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/query/h2")
                    .table("flyway_history_query").load().migrate();
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, "sa", "", true);
            dataSource.setAutoCommit(false);
            try (Connection connection = dataSource.getConnection()) {
                rebuildAndCompare(id, new JdbcTemplate(dataSource), connection);
            } finally {
                dataSource.destroy();
            }
        } catch (Exception e) {
            log.error("Replay {} failed", id, e);
            replays.computeIfPresent(id, (k, r) -> new Replay(k, State.FAILED, r.startedAt(), clock.instant(),
                    r.targetPosition(), r.position(), r.eventsProcessed(), r.models(), null, List.of(), e.toString()));
        } finally {
            deleteQuietly(dir);
        }
    }

    private void rebuildAndCompare(String id, JdbcTemplate rebuiltTemplate, Connection connection) throws Exception {
        JdbcClient rebuilt = JdbcClient.create(rebuiltTemplate);
        Map<String, AnnotationEventHandlerAdapter> projections = projectionsInto(Map.of(JdbcClient.class, rebuilt,
                JdbcTemplate.class, rebuiltTemplate));
        List<String> models = new ArrayList<>(projections.keySet());
        models.add(TokenValidityModel.PROCESSING_GROUP);
        long target = replays.get(id).targetPosition();
        ConsentFacts facts = new ConsentFacts();
        Deque<TrackedEventMessage<?>> afterTarget = new ArrayDeque<>();
        long processed = 0;
        long position = -1;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            TrackingToken read = null;
            long furthest = -1;
            long gapWaitEnds = 0;
            while (true) {
                if (!stream.hasNextAvailable()) {
                    if (reached(read, target)) {
                        break;
                    }
                    gapWaitEnds = gapWaitEnds != 0 ? gapWaitEnds : System.nanoTime() + GAP_WAIT.toNanos();
                    if (furthest >= target && System.nanoTime() - gapWaitEnds > 0) {
                        log.warn("Replay {}: positions up to {} still unfilled after {}; taken for rolled back", id, target, GAP_WAIT);
                        break;
                    }
                    stream.hasNextAvailable(100, TimeUnit.MILLISECONDS);
                    continue;
                }
                TrackedEventMessage<?> message = stream.nextAvailable();
                read = message.trackingToken();
                long tokenPosition = read.position().orElse(-1);
                // A token past the furthest so far is the event's own position; otherwise the event filled a gap.
                long own = tokenPosition > furthest ? tokenPosition : positions.of(message, read);
                furthest = Math.max(furthest, tokenPosition);
                if (own > target) {
                    afterTarget.add(message);
                    continue;
                }
                TrackedEventMessage<?> atOwnPosition = atPosition(message, own);
                for (AnnotationEventHandlerAdapter projection : projections.values()) {
                    if (projection.canHandle(atOwnPosition)) {
                        projection.handle(atOwnPosition);
                    }
                }
                facts.apply(message.getPayload());
                processed++;
                position = Math.max(position, own);
                if (processed % COMMIT_EVERY == 0) {
                    connection.commit();
                    progress(id, models, position, processed);
                }
            }
            connection.commit();
            progress(id, models, position, processed);

            awaitLiveAt(target);
            // On several nodes, other nodes' segments of a live model may still be catching up: compare again
            // for a little while before calling a difference a difference.
            List<ReadModelComparison.Difference> differences = ReadModelComparison.atTarget(live, rebuilt, target);
            for (int attempt = 0; attempt < COMPARE_ATTEMPTS && !differences.isEmpty(); attempt++) {
                Thread.sleep(250);
                differences = ReadModelComparison.atTarget(live, rebuilt, target);
            }
            List<ReadModelComparison.Difference> found = new ArrayList<>(differences);
            compareTokenValidity(facts, afterTarget, stream).ifPresent(found::add);
            long finalPosition = position;
            long finalProcessed = processed;
            replays.computeIfPresent(id, (k, r) -> new Replay(k, State.DONE, r.startedAt(), clock.instant(),
                    r.targetPosition(), finalPosition, finalProcessed, models, found.isEmpty(), found, null));
        }
    }

    /** Whether the stream has delivered every event at or before {@code target}: no gap left there. */
    private static boolean reached(TrackingToken read, long target) {
        if (read == null) {
            return target < 0;
        }
        return WrappedToken.unwrap(read, GapAwareTrackingToken.class)
                .map(token -> token.getIndex() >= target && token.getGaps().headSet(target + 1).isEmpty())
                .orElse(read.position().orElse(-1) >= target);
    }

    /** The event with a token at its own position, which is what the projections record. */
    private static TrackedEventMessage<?> atPosition(TrackedEventMessage<?> message, long position) {
        TrackingToken token = new GlobalSequenceTrackingToken(position);
        return message instanceof DomainEventMessage<?> domain
                ? new GenericTrackedDomainEventMessage<>(token, domain)
                : new GenericTrackedEventMessage<>(token, message);
    }

    /**
     * A fresh instance of each JDBC projection (one taking a JdbcClient or a JdbcTemplate), pointed at the
     * rebuild's database.
     */
    private Map<String, AnnotationEventHandlerAdapter> projectionsInto(Map<Class<?>, Object> jdbc) throws Exception {
        Map<String, AnnotationEventHandlerAdapter> projections = new TreeMap<>();
        for (Object bean : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
            Class<?> type = org.springframework.aop.support.AopUtils.getTargetClass(bean);
            Constructor<?>[] constructors = type.getConstructors();
            if (constructors.length != 1 || Stream.of(constructors[0].getParameterTypes()).noneMatch(jdbc::containsKey)) {
                continue;
            }
            Object[] arguments = Stream.of(constructors[0].getParameterTypes())
                    .map(parameter -> jdbc.containsKey(parameter) ? jdbc.get(parameter) : context.getBean(parameter))
                    .toArray();
            String group = type.getAnnotation(ProcessingGroup.class).value();
            projections.put(group, new AnnotationEventHandlerAdapter(constructors[0].newInstance(arguments)));
        }
        return projections;
    }

    private void progress(String id, List<String> models, long position, long processed) {
        replays.computeIfPresent(id, (k, r) -> new Replay(k, State.RUNNING, r.startedAt(), null,
                Math.max(r.targetPosition(), position), position, processed, models, null, List.of(), null));
    }

    /** Waits (bounded) until every live processor and the live token-validity model have read up to {@code position}. */
    private void awaitLiveAt(long position) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            boolean processorsThere = processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                    .allMatch(p -> !p.processingStatus().isEmpty() && p.processingStatus().values().stream()
                            .allMatch(s -> s.getCurrentPosition().orElse(-1) >= position));
            if (processorsThere && tokenValidity.position() >= position) {
                return;
            }
            Thread.sleep(50);
        }
    }

    /**
     * The live token-validity model keeps no positions per linkage: the rebuilt fold is carried on from the
     * target to the live model's position, then compared; again a few times while the live model moves on.
     */
    private Optional<ReadModelComparison.Difference> compareTokenValidity(
            ConsentFacts rebuilt, Deque<TrackedEventMessage<?>> afterTarget, BlockingStream<TrackedEventMessage<?>> stream)
            throws InterruptedException {
        Optional<ReadModelComparison.Difference> difference = Optional.empty();
        for (int attempt = 0; attempt <= COMPARE_ATTEMPTS; attempt++) {
            long livePosition = tokenValidity.position();
            while (stream.hasNextAvailable()) {
                afterTarget.add(stream.nextAvailable());
            }
            while (!afterTarget.isEmpty() && afterTarget.peek().trackingToken().position().orElse(-1) <= livePosition) {
                rebuilt.apply(afterTarget.poll().getPayload());
            }
            difference = TokenValidityComparison.difference(rebuilt, tokenValidity, clock.instant());
            if (difference.isEmpty()) {
                return difference;
            }
            Thread.sleep(250);
        }
        return difference;
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
