package jp.consentledger.web.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedCredentialCacheTest {
    private final AtomicInteger hashings = new AtomicInteger();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            hashings.incrementAndGet();
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
