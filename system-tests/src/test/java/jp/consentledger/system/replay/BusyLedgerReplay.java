package jp.consentledger.system.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14 item 4, the same on every store: a replay of a busy ledger answers {@code equal: true}, and a
 * corrupted live row still answers {@code equal: false} naming it. Busy means: 8 writers registering and
 * granting in parallel (so commits finish out of position order), 3 rounds before the replay and more
 * while it runs (with account suspensions that change rows the replay has rebuilt), and expiry deadlines
 * firing while it runs. The ledger's command side must run with a short linkage validity and deadline
 * polling interval, so that every grant's expiry is recorded within about a second.
 * <p>
 * A transaction holding a position open before the replay's target keeps the replay reading (it waits for
 * that position) until an expiry has been recorded past the target; then it rolls back, leaving a gap the
 * replay must see through.
 */
public final class BusyLedgerReplay {
    private static final int WRITERS = 8;
    private static final int ROUNDS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPIRED = "jp.consentledger.kernel.linkage.LinkageExpiredEvent";

    private final String commandUrl;
    private final String queryUrl;
    private final DataSource store;
    private final JdbcClient jdbc;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = "busy" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger ids = new AtomicInteger();
    private final String terms = run + "-terms";

    public BusyLedgerReplay(String commandUrl, String queryUrl, DataSource store) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.store = store;
        this.jdbc = JdbcClient.create(store);
    }

    /** An account and its linkage, registered and granted through a provider of their own. */
    private record Linked(String providerId, String accountId, String linkageId) {
    }

    public void replaysEqualWhileBusyAndNamesACorruptedRow() throws Exception {
        expect(post(commandUrl + "/api/v1/terms", "operator", Map.of("version", terms,
                "effectiveFrom", "2020-01-01T00:00:00Z", "documentSha256", "0".repeat(64))), 201);
        List<Linked> before = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                before.addAll(round(writers));
            }
            JsonNode done;
            try (Connection held = store.getConnection()) {
                holdAPosition(held);
                before.addAll(round(writers)); // commits past the held position, so it is before the target
                JsonNode started = expect(post(queryUrl + "/api/v1/audit/replays", "auditor", null), 202);
                String replay = queryUrl + "/api/v1/audit/replays/" + started.path("replayId").asText();
                long target = started.path("targetPosition").asLong();

                // While the replay waits for the held position: more writers, rows it rebuilt changed, deadlines.
                int suspended = 0;
                while (expiriesAfter(target) == 0) {
                    assertThat(suspended).as("no expiry recorded past the target; is the deadline polling fast?").isLessThan(30);
                    round(writers);
                    expect(post(commandUrl + "/api/v1/accounts/" + before.get(suspended++).accountId() + "/suspension",
                            "operator", Map.of("reason", "changed while the replay runs")), 200);
                    assertThat(state(replay)).as("the replay waits for the held position").isEqualTo("RUNNING");
                }
                assertThat(state(replay)).as("an expiry was recorded past the target while the replay ran").isEqualTo("RUNNING");
                held.rollback();
                done = awaitDone(replay);
                assertThat(jdbc.sql("SELECT COUNT(*) FROM domain_event_entry WHERE global_index > ?").param(target)
                        .query(Long.class).single()).isPositive();
            }
            assertThat(done.path("equal").asBoolean()).as("%s", done).isTrue();
            assertThat(done.path("differences")).isEmpty();
        } finally {
            writers.shutdownNow();
        }
        everyDirectoryRowNamesAnEventOfItsOwnAccount();

        // A live row no event supports is found and named.
        Linked corrupted = before.get(before.size() - 1);
        flipSuspended(corrupted);
        try {
            JsonNode differs = awaitDone(queryUrl + "/api/v1/audit/replays/"
                    + expect(post(queryUrl + "/api/v1/audit/replays", "auditor", null), 202).path("replayId").asText());
            assertThat(differs.path("equal").asBoolean()).as("%s", differs).isFalse();
            assertThat(differs.path("differences")).hasSize(1);
            assertThat(differs.path("differences").get(0).path("model").asText()).isEqualTo("read_model.rm_linkage");
            assertThat(differs.path("differences").get(0).path("onlyInLive").asInt()).isEqualTo(1);
            assertThat(differs.path("differences").get(0).path("samples").toString()).contains(corrupted.linkageId());
        } finally {
            flipSuspended(corrupted);
        }
    }

    /** Every live linkage row's position is an event of its own account (not merely where the stream was). */
    private void everyDirectoryRowNamesAnEventOfItsOwnAccount() {
        long elsewhere = jdbc.sql("SELECT COUNT(*) FROM read_model.rm_linkage l WHERE l.account_id LIKE ? AND NOT EXISTS"
                        + " (SELECT 1 FROM domain_event_entry e WHERE e.global_index = l.last_event_position"
                        + " AND e.aggregate_identifier = CONCAT('account:', l.account_id))")
                .param(run + "%").query(Long.class).single();
        long rows = jdbc.sql("SELECT COUNT(*) FROM read_model.rm_linkage WHERE account_id LIKE ?").param(run + "%")
                .query(Long.class).single();
        assertThat(rows).isGreaterThanOrEqualTo((long) WRITERS * (ROUNDS + 1));
        assertThat(elsewhere).as("linkage rows naming another aggregate's event").isZero();
    }

    /** 8 writers at once: each registers a provider and an account, and grants a linkage. */
    private List<Linked> round(ExecutorService writers) {
        List<CompletableFuture<Linked>> round = IntStream.range(0, WRITERS)
                .mapToObj(i -> CompletableFuture.supplyAsync(this::registerAndGrant, writers)).toList();
        return round.stream().map(CompletableFuture::join).toList();
    }

    private Linked registerAndGrant() {
        String id = run + "-" + ids.incrementAndGet();
        expect(post(commandUrl + "/api/v1/providers", "operator", Map.of("providerId", id, "name", "Provider " + id)), 201);
        expect(post(commandUrl + "/api/v1/accounts", "operator", Map.of("accountId", id, "customerId", "c-" + id,
                "customerType", "INDIVIDUAL", "accountType", "ORDINARY_DEPOSIT", "pinRegisteredCard", true,
                "termsVersion", terms, "identityVerificationRef", "idv-" + id, "viaProviderId", id)), 201);
        JsonNode granted = expect(post(commandUrl + "/api/v1/accounts/" + id + "/linkages", "operator",
                Map.of("providerId", id, "scopes", List.of("BALANCE"), "chainedRecipients", List.of())), 201);
        return new Linked(id, id, granted.path("linkageId").asText());
    }

    /** Takes the next position in an uncommitted transaction: a gap until it rolls back. */
    private void holdAPosition(Connection held) throws SQLException {
        held.setAutoCommit(false);
        try (PreparedStatement insert = held.prepareStatement("INSERT INTO domain_event_entry (event_identifier,"
                + " aggregate_identifier, sequence_number, time_stamp, payload_type, payload) VALUES (?, ?, 0, ?, ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, run + "-held");
            insert.setString(3, "2026-01-01T00:00:00Z");
            insert.setString(4, "never.Committed");
            insert.setBytes(5, "{}".getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }

    private long expiriesAfter(long target) {
        return jdbc.sql("SELECT COUNT(*) FROM domain_event_entry WHERE global_index > ? AND payload_type = ?")
                .params(target, EXPIRED).query(Long.class).single();
    }

    private void flipSuspended(Linked linked) {
        jdbc.sql("UPDATE read_model.rm_linkage SET suspended = NOT suspended WHERE linkage_id = ?")
                .param(linked.linkageId()).update();
    }

    private String state(String replay) {
        return expect(get(replay, "auditor"), 200).path("state").asText();
    }

    private JsonNode awaitDone(String replay) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> !"RUNNING".equals(state(replay)));
        JsonNode done = expect(get(replay, "auditor"), 200);
        assertThat(done.path("state").asText()).as("%s", done).isEqualTo("DONE");
        return done;
    }

    private record Answer(int status, String text) {
    }

    private static JsonNode expect(Answer answer, int status) {
        assertThat(answer.status()).as("%s", answer.text()).isEqualTo(status);
        try {
            return JSON.readTree(answer.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer post(String url, String user, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), user);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer get(String url, String user) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), user);
    }

    private Answer send(HttpRequest.Builder request, String user) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
