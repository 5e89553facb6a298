package jp.consentledger.system.embedded;

import jp.consentledger.system.embedded.LedgerDriver.Granted;
import jp.consentledger.system.embedded.LedgerHttp.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static jp.consentledger.system.embedded.LedgerDriver.body;
import static jp.consentledger.system.embedded.LedgerDriver.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read your own writes: every successful command answers its event position ({@code Ledger-Position});
 * a check that passes it as {@code minPosition} (JSON) or {@code min_position} (introspection) is
 * answered from a model that has read that event, asked at once, without waiting on our side: never
 * the verdict from before the command. A position the node cannot reach in time is a 503, not a guess.
 */
@ExtendWith(SharedLedger.class)
class ReadYourWritesTest {
    /** Issue 18: the stale count is taken over at least this many writes, each read back at once. */
    private static final int MIN_SAMPLES = 10_000;
    /** Concurrent writers, each on accounts of its own, so the two cores stay busy. */
    private static final int WRITERS = 8;
    /** Suspension and resumption rounds per linkage: cheap writes (the account has few events) that each flip the verdict. */
    private static final int FLIPS = 2;
    /** A read the node refused (503: it could not reach the position within its wait) is asked again, this often at most. */
    private static final int MAX_REFUSALS_PER_READ = 20;

    @Test
    void aCheckGivenTheCommandsPositionNeverAnswersFromBeforeIt(LedgerDriver ledger) throws Exception {
        Samples samples = new Samples();
        long started = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                done.add(writers.submit(() -> {
                    String provider = ledger.provider();
                    while (samples.taken.get() < MIN_SAMPLES) {
                        oneLinkage(ledger, provider, samples);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("figure: read your writes: %,d writes each read back at its Ledger-Position (JSON check and"
                        + " introspection), %,d stale, %,d refusals (503) asked again, %d writers, %.1f s%n",
                samples.taken.get(), samples.stale.get(), samples.refusals.get(), WRITERS, seconds);
        assertThat(samples.taken.get()).as("writes read back").isGreaterThanOrEqualTo(MIN_SAMPLES);
        assertThat(samples.stale.get()).as("stale answers out of %d writes read back", samples.taken.get()).isZero();
    }

    /** What the writers found, shared between them. */
    private static final class Samples {
        final AtomicLong taken = new AtomicLong();
        final AtomicLong stale = new AtomicLong();
        final AtomicLong refusals = new AtomicLong();
    }

    /**
     * One account's linkage through its life, every write read back at once at the position it answered:
     * granted (valid), suspended and resumed {@link #FLIPS} times, revoked. Each write changes the verdict,
     * so an answer from before it would show.
     */
    private static void oneLinkage(LedgerDriver ledger, String provider, Samples samples) {
        Granted granted = ledger.grant(ledger.account(provider), provider, "BALANCE", "TRANSACTIONS");
        long previous = readBack(ledger, granted.token(), granted.answer(), "VALID", samples, -1);
        String suspension = "/api/v1/linkages/" + granted.linkageId() + "/suspension";
        for (int flip = 0; flip < FLIPS; flip++) {
            Answer suspended = expect(ledger.linkageCommand(granted.linkageId(), "suspension", body("reason", "lost device")), 200);
            previous = readBack(ledger, granted.token(), suspended, "SUSPENDED", samples, previous);
            Answer resumed = expect(ledger.http().delete(ledger.cmd(suspension)), 200);
            previous = readBack(ledger, granted.token(), resumed, "VALID", samples, previous);
        }
        Answer revoked = expect(ledger.linkageCommand(granted.linkageId(), "revocations", body("reason", "customer asked the bank")), 200);
        readBack(ledger, granted.token(), revoked, "REVOKED", samples, previous);
    }

    /** Asks at once, both ways, at the write's position; returns that position. */
    private static long readBack(LedgerDriver ledger, String token, Answer write, String reason, Samples samples,
                                 long previousWrite) {
        long at = position(write);
        assertThat(at).as("a later write of the same linkage answers a later position").isGreaterThan(previousWrite);
        String active = "{\"active\":" + reason.equals("VALID") + "}";
        if (!checkAt(ledger, token, at, samples).equals(reason) || !introspectAt(ledger, token, at, samples).equals(active)) {
            samples.stale.incrementAndGet();
        }
        samples.taken.incrementAndGet();
        return at;
    }

    @Test
    void aPositionTheNodeCannotReachInTimeIsRefusedNotGuessed(LedgerDriver ledger) {
        Granted granted = ledger.linked();
        long beyond = position(granted.answer()) + 1_000_000;
        Answer check = ledger.http().post(ledger.qry("/api/v1/token-checks"),
                body("token", granted.token(), "scope", "BALANCE", "minPosition", beyond));
        assertThat(check.status()).as("%s", check).isEqualTo(503);
        assertThat(check.code()).isEqualTo("LEDGER_CATCHING_UP");
        assertThat(check.header("Retry-After")).isNotNull();
        Answer introspection = ledger.http().postForm(ledger.qry("/api/v1/token-introspection"), "gateway", "gateway",
                Map.of("token", granted.token(), "min_position", Long.toString(beyond)));
        assertThat(introspection.status()).isEqualTo(503);
        assertThat(introspection.code()).isEqualTo("LEDGER_CATCHING_UP");
    }

    @Test
    void aRefusedCommandAnswersNoPosition(LedgerDriver ledger) {
        Answer refused = ledger.grantAnswer("no-such-account", ledger.provider(), List.of("BALANCE"), List.of());
        assertThat(refused.status()).isBetween(400, 499);
        assertThat(refused.header("Ledger-Position")).isNull();
    }

    private static long position(Answer answer) {
        String header = answer.header("Ledger-Position");
        assertThat(header).as("Ledger-Position of %s", answer).isNotNull();
        return Long.parseLong(header);
    }

    /** Asked at once: the ledger is the one that waits; asked again only if it refused (503), never judged then. */
    private static String checkAt(LedgerDriver ledger, String token, long minPosition, Samples samples) {
        Answer answer = answered(samples, () -> ledger.http().post(ledger.qry("/api/v1/token-checks"),
                body("token", token, "scope", "BALANCE", "minPosition", minPosition)));
        return answer.body().path("reason").asText();
    }

    /** Only the verdict's gist: active or not (the rest of an active answer changes with every grant). */
    private static String introspectAt(LedgerDriver ledger, String token, long minPosition, Samples samples) {
        Answer answer = answered(samples, () -> ledger.http().postForm(ledger.qry("/api/v1/token-introspection"),
                "gateway", "gateway", Map.of("token", token, "min_position", Long.toString(minPosition))));
        return "{\"active\":" + answer.body().path("active").asBoolean() + "}";
    }

    private static Answer answered(Samples samples, Supplier<Answer> ask) {
        Answer answer = ask.get();
        for (int refused = 0; answer.status() == 503 && "LEDGER_CATCHING_UP".equals(answer.code())
                && refused < MAX_REFUSALS_PER_READ; refused++) {
            samples.refusals.incrementAndGet();
            answer = ask.get();
        }
        return expect(answer, 200);
    }
}
