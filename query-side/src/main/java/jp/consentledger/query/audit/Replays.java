package jp.consentledger.query.audit;

import jp.consentledger.kernel.common.Scope;
import jp.consentledger.kernel.validity.ConsentFacts;
import jp.consentledger.kernel.validity.TokenVerdict;
import jp.consentledger.query.role.FullNode;
import jp.consentledger.query.tokencheck.TokenValidityModel;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
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
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Rebuilds every read model from the events into fresh storage while the live ones keep serving: the
 * JDBC projections (every {@code @ProcessingGroup} bean that writes through a JdbcClient or a JdbcTemplate)
 * run their own handlers against a new H2 database migrated by the query side's migrations, and the
 * token-validity fold runs into a fresh {@link ConsentFacts}. When the rebuild has read the whole stream and the live
 * processors have reached the same position, the rebuilt models are compared with the live ones, table by
 * table and linkage by linkage.
 */
@FullNode
@Component
public class Replays {
    private static final Logger log = LoggerFactory.getLogger(Replays.class);
    private static final int COMMIT_EVERY = 500;
    private static final int SAMPLES = 5;
    private static final int COMPARE_ATTEMPTS = 20;
    /** Tables in read_model that no projection writes: processors' tokens, the query nodes, the signed log. */
    private static final List<String> NOT_READ_MODELS = List.of("QRY_TOKEN_ENTRY", "QRY_NODE");

    public enum State { RUNNING, DONE, FAILED }

    /** Where the rebuilt and the live model differ: rows (or linkages) only in one of them, with a few samples. */
    public record Difference(String model, int onlyInLive, int onlyInRebuilt, List<String> samples) {
    }

    public record Replay(String replayId, State state, Instant startedAt, Instant finishedAt, long targetPosition,
                         long position, long eventsProcessed, List<String> models, Boolean equal,
                         List<Difference> differences, String failure) {
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
    private final Clock clock;

    public Replays(ApplicationContext context, EventStore eventStore, EventRows events, JdbcClient live,
                   TokenValidityModel tokenValidity, EventProcessingConfiguration processing, Clock clock) {
        this.context = context;
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
        ConsentFacts facts = new ConsentFacts();
        long processed = 0;
        long position = -1;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                for (AnnotationEventHandlerAdapter projection : projections.values()) {
                    if (projection.canHandle(message)) {
                        projection.handle(message);
                    }
                }
                facts.apply(message.getPayload());
                processed++;
                position = message.trackingToken().position().orElse(position);
                if (processed % COMMIT_EVERY == 0) {
                    connection.commit();
                    progress(id, models, position, processed);
                }
            }
        }
        connection.commit();
        progress(id, models, position, processed);

        awaitLiveAt(position);
        // On several nodes, other nodes' segments of a live model may still be catching up: compare again
        // for a little while before calling a difference a difference.
        List<Difference> differences = compareAll(rebuilt, facts);
        for (int attempt = 0; attempt < COMPARE_ATTEMPTS && !differences.isEmpty(); attempt++) {
            Thread.sleep(250);
            differences = compareAll(rebuilt, facts);
        }
        long finalPosition = position;
        long finalProcessed = processed;
        List<Difference> found = differences;
        replays.computeIfPresent(id, (k, r) -> new Replay(k, State.DONE, r.startedAt(), clock.instant(),
                r.targetPosition(), finalPosition, finalProcessed, models, found.isEmpty(), found, null));
    }

    private List<Difference> compareAll(JdbcClient rebuilt, ConsentFacts facts) {
        List<Difference> differences = new ArrayList<>();
        for (String table : readModelTables(rebuilt)) {
            compare("read_model." + table, rows(live, table), rows(rebuilt, table)).ifPresent(differences::add);
        }
        compareTokenValidity(facts).ifPresent(differences::add);
        return differences;
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

    private static List<String> readModelTables(JdbcClient rebuilt) {
        return rebuilt.sql("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'READ_MODEL'"
                        + " ORDER BY TABLE_NAME").query(String.class).list().stream()
                .filter(table -> !NOT_READ_MODELS.contains(table) && !table.startsWith("AUDIT_LOG_"))
                .map(String::toLowerCase).toList();
    }

    /** Every row as one comparable line: columns by name, values normalized across vendors. */
    private static List<String> rows(JdbcClient jdbc, String table) {
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> row : jdbc.sql("SELECT * FROM read_model." + table).query().listOfRows()) {
            Map<String, String> normalized = new TreeMap<>();
            row.forEach((column, value) -> normalized.put(column.toLowerCase(), normalize(value)));
            rows.add(normalized.toString());
        }
        return rows;
    }

    private static String normalize(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof java.sql.Timestamp time) {
            return time.toInstant().toString();
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof BigDecimal || value instanceof Long || value instanceof Integer || value instanceof Short) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        return value.toString().trim();
    }

    private static Optional<Difference> compare(String model, List<String> liveRows, List<String> rebuiltRows) {
        Map<String, Integer> balance = new HashMap<>();
        liveRows.forEach(row -> balance.merge(row, 1, Integer::sum));
        rebuiltRows.forEach(row -> balance.merge(row, -1, Integer::sum));
        int onlyInLive = balance.values().stream().filter(n -> n > 0).mapToInt(Integer::intValue).sum();
        int onlyInRebuilt = -balance.values().stream().filter(n -> n < 0).mapToInt(Integer::intValue).sum();
        if (onlyInLive == 0 && onlyInRebuilt == 0) {
            return Optional.empty();
        }
        List<String> samples = balance.entrySet().stream().filter(e -> e.getValue() != 0)
                .sorted(Map.Entry.comparingByKey()).limit(SAMPLES)
                .map(e -> (e.getValue() > 0 ? "live only: " : "rebuilt only: ") + e.getKey()).toList();
        return Optional.of(new Difference(model, onlyInLive, onlyInRebuilt, samples));
    }

    /** Linkage by linkage: the same facts, and the same answer for each scope now. */
    private Optional<Difference> compareTokenValidity(ConsentFacts rebuilt) {
        Instant now = clock.instant();
        List<String> liveOnly = new ArrayList<>();
        List<String> rebuiltOnly = new ArrayList<>();
        for (ConsentFacts.LinkageFacts linkage : rebuilt.linkages().stream()
                .sorted(Comparator.comparing(l -> l.linkageId().value())).toList()) {
            for (Scope scope : Scope.values()) {
                TokenVerdict expected = rebuilt.check(linkage.tokenHash(), scope, now);
                TokenVerdict actual = tokenValidity.check(linkage.tokenHash(), scope, now);
                if (expected.reason() != actual.reason() || !java.util.Objects.equals(expected.linkage(), actual.linkage())) {
                    liveOnly.add(linkage.linkageId() + " " + scope + ": " + actual.reason() + " " + actual.linkage());
                    rebuiltOnly.add(linkage.linkageId() + " " + scope + ": " + expected.reason() + " " + expected.linkage());
                }
            }
        }
        int extraLive = Math.max(0, tokenValidity.linkageCount() - rebuilt.linkageCount());
        if (liveOnly.isEmpty() && extraLive == 0) {
            return Optional.empty();
        }
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < Math.min(SAMPLES, liveOnly.size()); i++) {
            samples.add("live: " + liveOnly.get(i));
            samples.add("rebuilt: " + rebuiltOnly.get(i));
        }
        if (extraLive > 0) {
            samples.add("live holds " + extraLive + " linkage(s) the rebuild does not");
        }
        return Optional.of(new Difference(TokenValidityModel.PROCESSING_GROUP, liveOnly.size() + extraLive,
                rebuiltOnly.size(), samples));
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
