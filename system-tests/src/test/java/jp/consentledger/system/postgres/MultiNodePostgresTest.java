package jp.consentledger.system.postgres;

import jp.consentledger.kernel.ids.AccountId;
import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.consentledger.system.postgres.LedgerNode.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two command nodes and two query nodes, each its own JVM, on one real PostgreSQL (the postgres
 * profile). The tests run in order on one history, so the JVMs start once for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodePostgresTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Fast takeover for the kill test: claims expire after 3 s, free segments are looked for every 0.3 s. */
    private static final String[] QUERY_TUNING = {
            "--axon.eventhandling.tokenstore.claim-timeout=PT3S",
            "--axon.eventhandling.processors.linkage-directory.token-claim-interval=300",
            "--ledger.segment-balancer.interval=PT0.3S"};

    private static EmbeddedPostgres postgres;
    private static String jdbcUrl;
    private static JdbcClient db;
    private static LedgerNode command1;
    private static LedgerNode command2;
    private static LedgerNode query1;
    private static LedgerNode query2;
    private static final List<LedgerNode> started = new CopyOnWriteArrayList<>();
    /** Tokens granted so far and the reason every query node must answer for them at the end. */
    private static final Map<String, String> expectedVerdicts = new LinkedHashMap<>();
    private static final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    static void startTopology() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        db = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), jdbcUrl, "postgres", "postgres"));
        // The command side migrates the event store first; the query side reads it from its first poll.
        command1 = track(LedgerNode.command("command-1", jdbcUrl));
        command2 = track(LedgerNode.command("command-2", jdbcUrl));
        command1.awaitReady();
        command2.awaitReady();
        query1 = track(LedgerNode.query("query-1", jdbcUrl, QUERY_TUNING));
        query2 = track(LedgerNode.query("query-2", jdbcUrl, QUERY_TUNING));
        query1.awaitReady();
        query2.awaitReady();

        command1.post("/api/v1/terms", Map.of("version", "2026-01", "effectiveFrom", "2020-01-01T00:00:00Z",
                "documentSha256", "0".repeat(64)));
    }

    private static LedgerNode track(LedgerNode node) {
        started.add(node);
        return node;
    }

    @AfterAll
    static void stopTopology() throws IOException {
        started.forEach(LedgerNode::kill);
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(0)
    void no_node_calls_axoniq_home() throws IOException {
        for (LedgerNode node : List.of(command1, command2, query1, query2)) {
            assertThat(java.nio.file.Files.readString(node.log)).as(node.name)
                    .contains("You have opted out of the AxonIQ UpdateChecker")
                    .doesNotContain("Failed to report anonymous usage data");
        }
    }

    // ---- 1. a command may arrive at either command node -------------------------------------------

    @Test
    @Order(1)
    void the_same_grant_raced_on_both_command_nodes_is_recorded_once() {
        String provider = provider(command1);
        String account = account(command2, provider);

        List<Answer> answers = race(8, i -> (i % 2 == 0 ? command1 : command2).post(
                "/api/v1/accounts/" + account + "/linkages", grantBody(provider)));

        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 201)
                .allSatisfy(a -> assertThat(a.status()).isEqualTo(409));
        assertThat(grantedEventsOf(account)).isEqualTo(1);
        assertThat(sequenceNumbersAreGapless(account)).isTrue();
        answers.stream().filter(a -> a.status() == 201)
                .forEach(a -> expectedVerdicts.put(a.body().path("token").asText(), "VALID"));
    }

    @Test
    @Order(2)
    void different_grants_raced_on_one_account_all_land_in_one_unbroken_sequence() {
        List<String> providers = IntStream.range(0, 6).mapToObj(i -> provider(command1)).toList();
        String account = account(command1, providers.get(0));

        List<Answer> answers = race(providers.size(), i -> (i % 2 == 0 ? command1 : command2).post(
                "/api/v1/accounts/" + account + "/linkages", grantBody(providers.get(i))));

        // A lost race is decided again on the winner's events; only a race lost on every retry is a 409.
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isIn(201, 409));
        long granted = answers.stream().filter(a -> a.status() == 201).count();
        System.out.printf("[multi-node] 6 grants raced on one account over 2 command nodes: %d recorded, %d answered 409%n",
                granted, answers.size() - granted);
        assertThat(granted).isGreaterThan(0);
        assertThat(grantedEventsOf(account)).isEqualTo(granted);
        assertThat(sequenceNumbersAreGapless(account)).isTrue();
        answers.stream().filter(a -> a.status() == 201)
                .forEach(a -> expectedVerdicts.put(a.body().path("token").asText(), "VALID"));
    }

    // ---- 2. revocation enforced on every query node, measured -------------------------------------

    @Test
    @Order(3)
    void a_revocation_is_enforced_on_every_query_node_and_how_fast_is_printed() throws Exception {
        String provider = provider(command1);
        int rounds = 20;
        long[][] lagMicros = new long[2][rounds];
        ExecutorService pollers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                String account = account(command1, provider);
                Answer grant = command1.post("/api/v1/accounts/" + account + "/linkages", grantBody(provider));
                String token = grant.body().path("token").asText();
                String linkage = grant.body().path("linkageId").asText();
                for (LedgerNode query : List.of(query1, query2)) {
                    await().atMost(PATIENCE).until(() -> reason(query, token).equals("VALID"));
                }
                LedgerNode revoker = round % 2 == 0 ? command2 : command1;
                assertThat(revoker.post("/api/v1/linkages/" + linkage + "/revocations", Map.of("reason", "customer asked the bank"))
                        .status()).isEqualTo(200);
                long acknowledged = System.nanoTime();
                int r = round;
                CompletableFuture<?>[] watches = IntStream.range(0, 2).mapToObj(n -> CompletableFuture.runAsync(() -> {
                    LedgerNode query = n == 0 ? query1 : query2;
                    // Polled every 2 ms rather than in a spin, which would take the CPU the query nodes need.
                    await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                            .until(() -> reason(query, token).equals("REVOKED"));
                    lagMicros[n][r] = (System.nanoTime() - acknowledged) / 1_000;
                }, pollers)).toArray(CompletableFuture[]::new);
                CompletableFuture.allOf(watches).get();
                expectedVerdicts.put(token, "REVOKED");
            }
        } finally {
            pollers.shutdownNow();
        }
        long[] all = Arrays.stream(lagMicros).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("[multi-node] revocation acknowledged by a command node -> token check REVOKED on each of 2 query"
                        + " nodes (%d samples, ms): p50 %.1f, p90 %.1f, max %.1f%n", all.length,
                all[all.length / 2] / 1000.0, all[all.length * 9 / 10] / 1000.0, all[all.length - 1] / 1000.0);
    }

    // ---- 3. gaps: transactions held open and rolled back while others commit ----------------------

    @Test
    @Order(4)
    void every_committed_event_is_seen_once_by_every_processor_despite_held_and_rolled_back_transactions() throws Exception {
        String late = provider(command1);
        String lost = provider(command1);
        String lateToken = grantedToken(command2, late);
        String lostToken = grantedToken(command1, lost);
        for (LedgerNode query : List.of(query1, query2)) {
            await().atMost(PATIENCE).until(() -> reason(query, lateToken).equals("VALID") && reason(query, lostToken).equals("VALID"));
        }

        try (Connection holdLate = rawConnection(); Connection holdLost = rawConnection()) {
            // Each suspension appends its event (taking a global index) and then waits on the lookup row we hold.
            lockProviderRow(holdLate, late);
            lockProviderRow(holdLost, lost);
            CompletableFuture<Answer> lateSuspension = CompletableFuture.supplyAsync(() ->
                    command1.post("/api/v1/providers/" + late + "/suspension", Map.of("reason", "held open")));
            CompletableFuture<Answer> lostSuspension = CompletableFuture.supplyAsync(() ->
                    command2.post("/api/v1/providers/" + lost + "/suspension", Map.of("reason", "rolled back")));
            await().atMost(PATIENCE).until(() -> blockedBy(holdLate) != null && blockedBy(holdLost) != null);

            // Meanwhile both command nodes commit events behind the two open ones, and the query nodes see them.
            String other = provider(command2);
            List<String> behind = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                behind.add(grantedToken(i % 2 == 0 ? command1 : command2, other));
            }
            for (LedgerNode query : List.of(query1, query2)) {
                await().atMost(PATIENCE).until(() -> behind.stream().allMatch(t -> reason(query, t).equals("VALID")));
                assertThat(reason(query, lateToken)).isEqualTo("VALID");
            }

            // One open transaction fails and rolls back (its index stays a gap forever), the other commits late.
            Integer lostBackend = blockedBy(holdLost);
            db.sql("SELECT pg_cancel_backend(?)").param(lostBackend).query(Boolean.class).single();
            assertThat(lostSuspension.get().status()).isEqualTo(500);
            holdLost.rollback();
            holdLate.rollback();
            assertThat(lateSuspension.get().status()).isEqualTo(200);
            behind.forEach(t -> expectedVerdicts.put(t, "VALID"));
        }
        expectedVerdicts.put(lateToken, "PROVIDER_SUSPENDED");
        expectedVerdicts.put(lostToken, "VALID");

        for (LedgerNode query : List.of(query1, query2)) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(verdicts(query)).isEqualTo(expectedVerdicts));
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(db.sql("SELECT status FROM read_model.rm_provider WHERE provider_id = ?").param(late)
                    .query(String.class).single()).isEqualTo("SUSPENDED");
            assertThat(db.sql("SELECT status FROM read_model.rm_provider WHERE provider_id = ?").param(lost)
                    .query(String.class).single()).isEqualTo("ACTIVE");
        });
        // Exactly once: each node's token-validity processor handled as many events as were committed.
        long committed = db.sql("SELECT COUNT(*) FROM domain_event_entry").query(Long.class).single();
        for (LedgerNode query : List.of(query1, query2)) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                    query.metric("eventProcessor.successCounter", "processorName:token-validity")).isEqualTo(committed));
        }
    }

    // ---- 4. a query node dies mid-stream ----------------------------------------------------------

    @Test
    @Order(5)
    void a_killed_query_node_hands_its_segments_over_and_the_read_models_end_equal_to_a_full_replay() throws Exception {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(linkageDirectoryOwners()).hasSize(2));

        String provider = provider(command1);
        List<String> accounts = IntStream.range(0, 12).mapToObj(i -> account(i % 2 == 0 ? command1 : command2, provider)).toList();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < accounts.size(); i++) {
                LedgerNode node = i % 2 == 0 ? command2 : command1;
                Answer grant = node.post("/api/v1/accounts/" + accounts.get(i) + "/linkages", grantBody(provider));
                assertThat(grant.status()).isEqualTo(201);
                synchronized (expectedVerdicts) {
                    expectedVerdicts.put(grant.body().path("token").asText(), "VALID");
                }
                if (i % 3 == 0) {
                    assertThat(node.post("/api/v1/accounts/" + accounts.get(i) + "/suspension", Map.of("reason", "review"))
                            .status()).isEqualTo(200);
                    synchronized (expectedVerdicts) {
                        expectedVerdicts.put(grant.body().path("token").asText(), "ACCOUNT_SUSPENDED");
                    }
                }
            }
        });
        await().atMost(PATIENCE).until(() -> db.sql("SELECT COUNT(*) FROM read_model.rm_account WHERE account_id = ANY(?)")
                .param(accounts.toArray(String[]::new)).query(Long.class).single() >= 3);
        query2.kill();
        writer.get();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(linkageDirectoryOwners()).hasSize(1));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(verdicts(query1)).isEqualTo(expectedVerdicts));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(db.sql(
                        "SELECT COUNT(*) FROM read_model.rm_linkage WHERE account_id = ANY(?)")
                .param(accounts.toArray(String[]::new)).query(Long.class).single()).isEqualTo(accounts.size()));
        long head = db.sql("SELECT MAX(global_index) FROM domain_event_entry").query(Long.class).single();
        await().atMost(PATIENCE).until(() -> linkageDirectoryCaughtUpTo(head));

        // The live model, then a full replay from the first event on a fresh node: they must be equal.
        query1.stop();
        List<String> tables = List.of("rm_provider", "rm_account", "rm_linkage");
        db.sql("CREATE SCHEMA live_copy").update();
        tables.forEach(t -> db.sql("CREATE TABLE live_copy." + t + " AS SELECT * FROM read_model." + t).update());
        tables.forEach(t -> db.sql("DELETE FROM read_model." + t).update());
        db.sql("DELETE FROM read_model.qry_token_entry WHERE processor_name = 'linkage-directory'").update();

        LedgerNode replay = track(LedgerNode.query("query-replay", jdbcUrl, QUERY_TUNING)).awaitReady();
        await().atMost(PATIENCE).until(() -> linkageDirectoryCaughtUpTo(head));
        for (String table : tables) {
            assertThat(db.sql("SELECT COUNT(*) FROM read_model." + table).query(Long.class).single())
                    .as(table).isEqualTo(db.sql("SELECT COUNT(*) FROM live_copy." + table).query(Long.class).single());
            // last_event_position is left out: the projection stores the stream position it had reached, and an
            // event whose transaction committed late (the gap test's) arrives after later ones live but in
            // index order on replay, so that column depends on commit timing. Every other column must match.
            String columns = db.sql("SELECT string_agg(column_name, ', ' ORDER BY column_name) FROM information_schema.columns"
                    + " WHERE table_schema = 'read_model' AND table_name = ? AND column_name <> 'last_event_position'")
                    .param(table).query(String.class).single();
            assertThat(db.sql("(SELECT 'replay', " + columns + " FROM read_model." + table + " EXCEPT SELECT 'replay', " + columns
                    + " FROM live_copy." + table + ") UNION ALL (SELECT 'live', " + columns + " FROM live_copy." + table
                    + " EXCEPT SELECT 'live', " + columns + " FROM read_model." + table + ")").query().listOfRows())
                    .as(table).isEmpty();
        }
        assertThat(verdicts(replay)).isEqualTo(expectedVerdicts);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static String provider(LedgerNode node) {
        String id = "prov-" + ids.incrementAndGet();
        assertThat(node.post("/api/v1/providers", Map.of("providerId", id, "name", "Provider " + id)).status()).isEqualTo(201);
        return id;
    }

    private static String account(LedgerNode node, String viaProvider) {
        String id = "acct-" + ids.incrementAndGet();
        Answer answer = node.post("/api/v1/accounts", Map.of("accountId", id, "customerId", "cust-" + id,
                "customerType", "INDIVIDUAL", "accountType", "ORDINARY_DEPOSIT", "pinRegisteredCard", true,
                "termsVersion", "2026-01", "identityVerificationRef", "ekyc-" + id, "viaProviderId", viaProvider));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return id;
    }

    private static Map<String, Object> grantBody(String provider) {
        return Map.of("providerId", provider, "scopes", List.of("BALANCE"), "chainedRecipients", List.of());
    }

    private static String grantedToken(LedgerNode node, String provider) {
        Answer grant = node.post("/api/v1/accounts/" + account(node, provider) + "/linkages", grantBody(provider));
        assertThat(grant.status()).as(grant.body().toString()).isEqualTo(201);
        return grant.body().path("token").asText();
    }

    private static String reason(LedgerNode query, String token) {
        Answer answer = query.post("/api/v1/token-checks", Map.of("token", token, "scope", "BALANCE"));
        return answer.status() == 200 ? answer.body().path("reason").asText() : "HTTP " + answer.status();
    }

    private static Map<String, String> verdicts(LedgerNode query) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        synchronized (expectedVerdicts) {
            expectedVerdicts.keySet().forEach(token -> verdicts.put(token, reason(query, token)));
        }
        return verdicts;
    }

    private static List<Answer> race(int count, java.util.function.IntFunction<Answer> call) {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<CompletableFuture<Answer>> calls = IntStream.range(0, count).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return call.apply(i);
            }, pool)).toList();
            start.countDown();
            return calls.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static long grantedEventsOf(String account) {
        return db.sql("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%LinkageGrantedEvent'")
                .param(new AccountId(account).aggregateIdentifier()).query(Long.class).single();
    }

    private static boolean sequenceNumbersAreGapless(String account) {
        return db.sql("SELECT COUNT(*) = MAX(sequence_number) + 1 FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(new AccountId(account).aggregateIdentifier()).query(Boolean.class).single();
    }

    private static Connection rawConnection() throws SQLException {
        Connection connection = postgres.getPostgresDatabase().getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    private static void lockProviderRow(Connection connection, String provider) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1 FROM cmd_provider_directory WHERE provider_id = '" + provider + "' FOR UPDATE");
        }
    }

    /** The server process of a command node's transaction that waits on the lock this connection holds. */
    private static Integer blockedBy(Connection holder) throws SQLException {
        int holderPid;
        try (Statement statement = holder.createStatement(); var rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            holderPid = rs.getInt(1);
        }
        return db.sql("SELECT pid FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))").param(holderPid)
                .query(Integer.class).optional().orElse(null);
    }

    private static List<String> linkageDirectoryOwners() {
        return db.sql("SELECT DISTINCT owner FROM read_model.qry_token_entry WHERE processor_name = 'linkage-directory'"
                + " AND owner IS NOT NULL").query(String.class).list();
    }

    /** Every segment's token has passed the given global index (tokens are JSON: {"index":n,"gaps":[...]}). */
    private static boolean linkageDirectoryCaughtUpTo(long head) {
        List<byte[]> tokens = db.sql("SELECT token FROM read_model.qry_token_entry WHERE processor_name = 'linkage-directory'")
                .query(byte[].class).list();
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> {
            try {
                JsonNode json = LedgerNode.JSON.readTree(token);
                JsonNode index = json.has("index") ? json.get("index") : json.path("tokenAtReset").path("index");
                return index.asLong(-1) >= head;
            } catch (IOException e) {
                return false;
            }
        });
    }
}
