package jp.consentledger.web.security;

import org.springframework.security.crypto.password.PasswordEncoder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A password hash (bcrypt: tens of milliseconds) checked once per credential, then remembered for a
 * short while, so a caller that authenticates on every request (the gateway on every token check)
 * pays an HMAC and a map lookup (about a microsecond) instead. Only successes are remembered: every
 * wrong guess still costs a full hash (the same guess arriving several times at once shares one). The key is an HMAC, under a random per-process key, of the
 * presented password and the stored hash, so memory holds no password, and a changed hash (a new
 * secret) no longer matches.
 */
final class VerifiedCredentialCache implements PasswordEncoder {
    private final PasswordEncoder delegate;
    private final long ttlNanos;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Long> verifiedUntil = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();
    private final ThreadLocal<Mac> macs;

    VerifiedCredentialCache(PasswordEncoder delegate, Duration ttl, int maxEntries) {
        this.delegate = delegate;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
            }
        });
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || ttlNanos <= 0) {
            return rawPassword != null && encodedPassword != null && delegate.matches(rawPassword, encodedPassword);
        }
        String key = key(rawPassword, encodedPassword);
        long now = System.nanoTime();
        Long until = verifiedUntil.get(key);
        if (until != null && now - until < 0) {
            return true;
        }
        // One hash per credential at a time: when a remembered success expires under load (every few minutes for
        // the gateway, which keeps dozens of requests in flight), the requests that meet it wait for one hash
        // instead of each running their own, which would stall both cores for seconds.
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                // the hash we waited for failed (a verifier out of reach): fail as it did, not as a wrapper
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            boolean matches = delegate.matches(rawPassword, encodedPassword);
            if (matches) {
                remember(key, now);
            } else {
                verifiedUntil.remove(key);
            }
            mine.complete(matches);
            return matches;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private void remember(String key, long now) {
        if (verifiedUntil.size() >= maxEntries) {
            verifiedUntil.values().removeIf(expiry -> now - expiry >= 0);
            if (verifiedUntil.size() >= maxEntries) {
                verifiedUntil.clear();
            }
        }
        verifiedUntil.put(key, now + ttlNanos);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return false;
    }

    private String key(CharSequence raw, String encoded) {
        Mac mac = macs.get();
        mac.update(encoded.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return HexFormat.of().formatHex(mac.doFinal(raw.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
