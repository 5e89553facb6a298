package jp.consentledger.query.audit;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.client.support.BasicAuthenticationInterceptor;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fresh H2 store per data directory, holding the command side's event table before the query side starts.
 * Public for the audit tests in packages of their own (the forged evidence bundles).
 */
public final class AuditTestContext {
    private AuditTestContext() {
    }

    private static final Map<String, Path> STORES = new ConcurrentHashMap<>();
    /**
     * Set (by the query side's second test run, see its pom) to run the audit tests on Axon's in-memory engine, a
     * store that knows nothing of the ledger's columns; the H2 store then holds only the read models.
     */
    public static final boolean IN_MEMORY = "in-memory".equals(System.getProperty(InMemoryEventEngine.PROPERTY));
    private static final Map<String, EventStorageEngine> ENGINES = new ConcurrentHashMap<>();

    /** Test classes that register the same name share one store, and so one Spring context. */
    public static void register(DynamicPropertyRegistry registry, String name) {
        Path dir = STORES.computeIfAbsent(name, AuditTestContext::newStore);
        registry.add("ledger.data-dir", dir::toString);
        registry.add("ledger.audit.settle-delay", () -> "PT0S");
        registry.add("ledger.audit.checkpoint-interval", () -> "PT1H");
        registry.add("ledger.token.hmac-secret", () -> TestLedger.HMAC_SECRET);
        // no command side beside these query nodes: a port nothing listens on, so a provider login is unavailable
        registry.add("ledger.command-side.url", () -> "http://127.0.0.1:1");
        registry.add(InMemoryEventEngine.STORE, () -> name);
    }

    /** The in-memory event store of the named store (one per name, as the H2 stores). */
    static EventStorageEngine inMemoryEngine(String name) {
        return ENGINES.computeIfAbsent(name, n -> new InMemoryEventStorageEngine());
    }

    /**
     * On the in-memory engine, the one of the store whose read models {@code connections} reach; none for a test's
     * own database outside these stores (a test of the JDBC table itself).
     */
    static Optional<EventStorageEngine> inMemoryEngineOf(ConnectionProvider connections) {
        if (!IN_MEMORY) {
            return Optional.empty();
        }
        String url;
        try (Connection connection = connections.getConnection()) {
            url = connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return STORES.entrySet().stream().filter(store -> url.contains(store.getValue().toString()))
                .map(store -> inMemoryEngine(store.getKey())).findFirst();
    }

    /** The audit endpoints answer auditors (API.md): the tests call as the embedded default's demo auditor. */
    public static void asAuditor(TestRestTemplate http) {
        as(http, "auditor");
    }

    /** Evidence is what a dispute handler asks for (API.md): as the embedded default's demo dispute handler. */
    public static void asDisputeHandler(TestRestTemplate http) {
        as(http, "dispute");
    }

    private static void as(TestRestTemplate http, String user) {
        var interceptors = http.getRestTemplate().getInterceptors();
        if (interceptors.stream().noneMatch(BasicAuthenticationInterceptor.class::isInstance)) {
            interceptors.add(new BasicAuthenticationInterceptor(user, user));
        }
    }

    private static Path newStore(String name) {
        try {
            Path dir = Files.createTempDirectory("ledger-" + name);
            TestLedger.createEventStore("jdbc:h2:file:" + dir + "/ledger;WRITE_DELAY=0");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
