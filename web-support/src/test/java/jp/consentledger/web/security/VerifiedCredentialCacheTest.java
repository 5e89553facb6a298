package jp.consentledger.web.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class VerifiedCredentialCacheTest {
    private final AtomicInteger hashings = new AtomicInteger();
    /** Holds every hash until released, so that callers pile up as they do under load. */
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean holding;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            hashings.incrementAndGet();
            if (holding) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return bcrypt.matches(raw, encoded);
        }
    };

    @Test
    void aVerifiedCredentialIsHashedOnceThenRecognisedWithoutHashing() {
        VerifiedCredentialCache cache = new VerifiedCredentialCache(counting, Duration.ofMinutes(5), 100);
        String hash = bcrypt.encode("gateway");
        for (int i = 0; i < 1000; i++) {
            assertThat(cache.matches("gateway", hash)).isTrue();
        }
        assertThat(hashings).hasValue(1);
    }

    /** The gateway keeps dozens of requests in flight: when its remembered success expires, one hash serves them all. */
    @Test
    void requestsThatMeetAnUnverifiedCredentialTogetherShareOneHash() throws Exception {
        String hash = bcrypt.encode("gateway");
        holding = true;
        VerifiedCredentialCache cache = new VerifiedCredentialCache(counting, Duration.ofMinutes(5), 100);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Thread> threads = new CopyOnWriteArrayList<>();
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(callers.submit(() -> {
                    threads.add(Thread.currentThread());
                    return cache.matches("gateway", hash);
                }));
            }
            // Every caller is parked: inside the one hash, or waiting for it (without sharing, all eight would be hashing).
            await().until(() -> threads.size() == 8 && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
            release.countDown();
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(hashings).hasValue(1);
    }

    @Test
    void everyWrongGuessPaysTheFullHash() {
        VerifiedCredentialCache cache = new VerifiedCredentialCache(counting, Duration.ofMinutes(5), 100);
        String hash = bcrypt.encode("gateway");
        assertThat(cache.matches("gateway", hash)).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(cache.matches("gateway" + i, hash)).isFalse();
        }
        assertThat(hashings).hasValue(6);
    }

    @Test
    void aNewSecretHashIsNotVouchedForByTheOldOne() {
        VerifiedCredentialCache cache = new VerifiedCredentialCache(counting, Duration.ofMinutes(5), 100);
        String before = bcrypt.encode("secret");
        String rotated = bcrypt.encode("another");
        assertThat(cache.matches("secret", before)).isTrue();
        assertThat(cache.matches("secret", rotated)).isFalse();
        assertThat(hashings).hasValue(2);
    }

    @Test
    void withoutATimeToLiveNothingIsRemembered() {
        VerifiedCredentialCache cache = new VerifiedCredentialCache(counting, Duration.ZERO, 100);
        String hash = bcrypt.encode("gateway");
        assertThat(cache.matches("gateway", hash)).isTrue();
        assertThat(cache.matches("gateway", hash)).isTrue();
        assertThat(hashings).hasValue(2);
    }

    @Test
    void aFullCacheMakesRoomAndStillAnswersRightly() {
        VerifiedCredentialCache cache = new VerifiedCredentialCache(counting, Duration.ofMinutes(5), 3);
        String[] hashes = new String[5];
        for (int i = 0; i < 5; i++) {
            hashes[i] = bcrypt.encode("p" + i);
            assertThat(cache.matches("p" + i, hashes[i])).isTrue();
        }
        for (int i = 0; i < 5; i++) {
            assertThat(cache.matches("p" + i, hashes[i])).isTrue();
            assertThat(cache.matches("q" + i, hashes[i])).isFalse();
        }
    }
}
