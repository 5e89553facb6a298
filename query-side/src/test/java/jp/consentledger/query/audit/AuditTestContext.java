package jp.consentledger.query.audit;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.client.support.BasicAuthenticationInterceptor;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fresh H2 store per data directory, holding the command side's event table before the query side starts.
 * Public for the audit tests in packages of their own (the forged evidence bundles).
 */
public final class AuditTestContext {
    private AuditTestContext() {
    }

    private static final Map<String, Path> STORES = new ConcurrentHashMap<>();

    /** Test classes that register the same name share one store, and so one Spring context. */
    public static void register(DynamicPropertyRegistry registry, String name) {
        Path dir = STORES.computeIfAbsent(name, AuditTestContext::newStore);
        registry.add("ledger.data-dir", dir::toString);
        registry.add("ledger.audit.settle-delay", () -> "PT0S");
        registry.add("ledger.audit.checkpoint-interval", () -> "PT1H");
        registry.add("ledger.token.hmac-secret", () -> TestLedger.HMAC_SECRET);
        // no command side beside these query nodes: a port nothing listens on, so a provider login is unavailable
        registry.add("ledger.command-side.url", () -> "http://127.0.0.1:1");
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
