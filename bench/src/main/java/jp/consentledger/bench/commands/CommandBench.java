package jp.consentledger.bench.commands;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.bench.nodes.Http;
import jp.consentledger.bench.nodes.LedgerNodes;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.serialization.EventStoreContract;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import org.HdrHistogram.Histogram;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measure 3: commands through the command side's HTTP API at a fixed number of concurrent callers
 * (closed loop: each caller sends its next command when the last is answered), beside the physical
 * ceiling of the same store: a loop of single-row durable inserts of the same event row, each its
 * own transaction, at the same concurrency.
 */
public final class CommandBench {
    private CommandBench() {
    }

    /** Throughput and latency (µs) of one phase. */
    public record Phase(int concurrency, double perSecond, long commands, long errors, double p50, double p99, double max) {
        static Phase of(int concurrency, Histogram histogram, long errors, Duration duration) {
            return new Phase(concurrency, histogram.getTotalCount() / (duration.toNanos() / 1e9), histogram.getTotalCount(),
                    errors, histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99), histogram.getMaxValue());
        }
    }

    public record Level(int concurrency, Phase grants, Phase revocations, Phase rawInserts) {
    }

    /** Providers and accounts to grant between, registered before anything is measured. */
    public static final class Fixture {
        final List<String> providers = new ArrayList<>();
        final List<String> providerAuth = new ArrayList<>();
        final List<String> accounts = new ArrayList<>();
        final AtomicLong nextPair = new AtomicLong();
        final ConcurrentLinkedQueue<String[]> granted = new ConcurrentLinkedQueue<>();
    }

    public static Fixture setUp(LedgerNodes.Node command, int providers, int accounts) throws Exception {
        Http http = new Http();
        Fixture fixture = new Fixture();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String terms = publishTerms(command);
        for (int p = 0; p < providers; p++) {
            String id = "prv-" + run + "-" + p;
            JsonNode answer = http.postJson(command.uri("/api/v1/providers"), Map.of("providerId", id, "name", "Provider " + p),
                    LedgerNodes.OPERATOR).expect(201).json();
            fixture.providers.add(id);
            fixture.providerAuth.add(Http.basic(id, answer.path("secret").asText()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            String id = "acc-" + run + "-" + a;
            fixture.accounts.add(id);
            futures.add(pool.submit(() -> new Http().postJson(command.uri("/api/v1/accounts"), Map.of("accountId", id,
                    "customerId", "cus-" + id, "customerType", "INDIVIDUAL", "accountType", "ORDINARY_DEPOSIT",
                    "pinRegisteredCard", true, "termsVersion", terms, "identityVerificationRef", "ivr-" + id,
                    "viaProviderId", fixture.providers.get(0)), LedgerNodes.OPERATOR).expect(201)));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return fixture;
    }

    /** Terms in force since yesterday, under a fresh version; returns the version. */
    public static String publishTerms(LedgerNodes.Node command) throws Exception {
        String terms = "terms-" + UUID.randomUUID().toString().substring(0, 8);
        new Http().postJson(command.uri("/api/v1/terms"), Map.of("version", terms, "effectiveFrom",
                Instant.now().minus(Duration.ofDays(1)).toString(), "documentSha256", "ab".repeat(32)), LedgerNodes.OPERATOR)
                .expect(201);
        return terms;
    }

    public static Phase grants(LedgerNodes.Node command, Fixture fixture, int concurrency, Duration duration) throws Exception {
        return closedLoop(concurrency, duration, http -> {
            long k = fixture.nextPair.getAndIncrement();
            int account = (int) (k % fixture.accounts.size());
            int provider = (int) ((k / fixture.accounts.size()) % fixture.providers.size());
            Http.Answer answer = http.postJson(command.uri("/api/v1/accounts/" + fixture.accounts.get(account) + "/linkages"),
                    Map.of("providerId", fixture.providers.get(provider), "scopes", List.of("BALANCE", "TRANSACTIONS"),
                            "chainedRecipients", List.of()), LedgerNodes.OPERATOR);
            if (answer.status() == 201) {
                fixture.granted.add(new String[]{answer.json().path("linkageId").asText(), Integer.toString(provider)});
            }
            return answer.status() == 201;
        });
    }

    /** Revocation as the terms have it: the provider passes the customer's request on, then the bank confirms. */
    public static Phase revocations(LedgerNodes.Node command, Fixture fixture, int concurrency, Duration duration)
            throws Exception {
        ThreadLocal<String[]> pendingConfirmation = new ThreadLocal<>();
        return closedLoop(concurrency, duration, http -> {
            String[] confirm = pendingConfirmation.get();
            if (confirm != null) {
                pendingConfirmation.remove();
                return http.postJson(command.uri("/api/v1/linkages/" + confirm[0] + "/revocation-confirmations"), "{}",
                        LedgerNodes.OPERATOR).status() == 200;
            }
            String[] linkage = fixture.granted.poll();
            if (linkage == null) {
                return null; // nothing left to revoke
            }
            boolean ok = http.postJson(command.uri("/api/v1/linkages/" + linkage[0] + "/revocation-requests"),
                    Map.of("requestedAt", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString()),
                    fixture.providerAuth.get(Integer.parseInt(linkage[1]))).status() == 202;
            if (ok) {
                pendingConfirmation.set(linkage);
            }
            return ok;
        });
    }

    interface Call {
        /** true: succeeded; false: failed; null: nothing left to do. */
        Boolean call(Http http) throws Exception;
    }

    private static Phase closedLoop(int concurrency, Duration duration, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<Histogram>> futures = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        Http http = new Http();
        for (int t = 0; t < concurrency; t++) {
            futures.add(pool.submit(() -> {
                Histogram histogram = new Histogram(60_000_000L, 3);
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    Boolean ok = call.call(http);
                    if (ok == null) {
                        break;
                    }
                    if (ok) {
                        histogram.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                    } else {
                        errors.incrementAndGet();
                    }
                }
                return histogram;
            }));
        }
        return merged(pool, futures, errors, concurrency, duration);
    }

    /** The ceiling: durable single-row inserts of a grant's event row, one transaction each, as fast as they go. */
    public static Phase rawInserts(String url, String user, String password, int concurrency, Duration duration)
            throws Exception {
        Serializer serializer = EventStoreContract.serializer();
        LinkageGrantedEvent sample = new LinkageGrantedEvent(new LinkageId("lnk-" + UUID.randomUUID()), new AccountId("acc-raw"),
                new CustomerId("cus-raw"), new ProviderId("prv-raw"), EnumSet.of(Scope.BALANCE, Scope.TRANSACTIONS), List.of(),
                new TokenHash("ab".repeat(32)), new TermsVersionId("terms-raw"), Instant.now(), Instant.now().plusSeconds(7_776_000));
        SerializedObject<byte[]> payload = serializer.serialize(sample, byte[].class);
        String id = UUID.randomUUID().toString();
        byte[] metaData = serializer.serialize(MetaData.from(Map.of("traceId", id, "correlationId", id)), byte[].class).getData();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<Histogram>> futures = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int t = 0; t < concurrency; t++) {
            String aggregate = new AccountId("acc-raw-" + run + "-" + t).aggregateIdentifier();
            futures.add(pool.submit(() -> {
                Histogram histogram = new Histogram(60_000_000L, 3);
                try (Connection connection = DriverManager.getConnection(url, user, password);
                     PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry (event_identifier,"
                             + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision,"
                             + " payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    connection.setAutoCommit(true);
                    long sequence = 0;
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, aggregate);
                        insert.setLong(3, sequence++);
                        insert.setString(4, "Account");
                        insert.setString(5, DateTimeUtils.formatInstant(Instant.now()));
                        insert.setString(6, payload.getType().getName());
                        insert.setString(7, payload.getType().getRevision());
                        insert.setBytes(8, payload.getData());
                        insert.setBytes(9, metaData);
                        try {
                            insert.executeUpdate();
                            histogram.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                        } catch (java.sql.SQLException e) {
                            errors.incrementAndGet();
                        }
                    }
                }
                return histogram;
            }));
        }
        return merged(pool, futures, errors, concurrency, duration);
    }

    /** Every caller's latencies in one histogram, once each has finished its phase. */
    private static Phase merged(ExecutorService pool, List<Future<Histogram>> futures, AtomicLong errors, int concurrency,
                                Duration duration) throws Exception {
        Histogram all = new Histogram(60_000_000L, 3);
        for (Future<Histogram> future : futures) {
            all.add(future.get());
        }
        pool.shutdown();
        return Phase.of(concurrency, all, errors.get(), duration);
    }

    public static String table(String store, List<Level> levels) {
        StringBuilder md = new StringBuilder("| " + store + " concurrency | grants/s | grant p50 / p99 ms | revocation cmds/s"
                + " | revocation p50 / p99 ms | raw inserts/s | raw p50 / p99 ms | grants ÷ raw | errors |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Level level : levels) {
            Phase g = level.grants();
            Phase r = level.revocations();
            Phase raw = level.rawInserts();
            md.append(String.format("| %d | %,.0f | %.1f / %.1f | %,.0f | %.1f / %.1f | %,.0f | %.1f / %.1f | %.2f | %d |%n",
                    level.concurrency(), g.perSecond(), g.p50() / 1e3, g.p99() / 1e3, r.perSecond(), r.p50() / 1e3,
                    r.p99() / 1e3, raw.perSecond(), raw.p50() / 1e3, raw.p99() / 1e3, g.perSecond() / raw.perSecond(),
                    g.errors() + r.errors() + raw.errors()));
        }
        return md.toString();
    }

    public static void log(PrintStream out, String store, Level level) {
        out.printf("  %s c=%-2d grants %,6.0f/s (p99 %,.1f ms)  revocation cmds %,6.0f/s (p99 %,.1f ms)  raw inserts %,6.0f/s (p99 %,.1f ms)  errors %d%n",
                store, level.concurrency(), level.grants().perSecond(), level.grants().p99() / 1e3,
                level.revocations().perSecond(), level.revocations().p99() / 1e3, level.rawInserts().perSecond(),
                level.rawInserts().p99() / 1e3, level.grants().errors() + level.revocations().errors() + level.rawInserts().errors());
    }
}
