package jp.consentledger.system.torture;

import jp.consentledger.system.torture.SideNode.Answer;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent writers on the command side while it, its peer and the store are killed: each registers an
 * account, grants a linkage on it and revokes every third at the bank. Only an answered 2xx counts as
 * acknowledged; what was acknowledged is what the checks afterwards demand to find.
 */
final class Writers {
    /** token -> linkage of every acknowledged grant; the linkages whose revocation was acknowledged. */
    final Map<String, String> grantedTokens = new ConcurrentHashMap<>();
    final Map<String, Boolean> revokedLinkages = new ConcurrentHashMap<>();
    /**
     * Revocations sent without an acknowledgement that may still have been recorded: the side was killed
     * after its commit and before its answer, or the store went away during the commit (a 503). Their
     * outcome is what the store says.
     */
    final Map<String, Boolean> revocationsInDoubt = new ConcurrentHashMap<>();
    final Map<String, Boolean> registeredAccounts = new ConcurrentHashMap<>();
    final AtomicLong attempts = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong unanswered = new AtomicLong();
    final AtomicLong storeAway = new AtomicLong();
    /** Answers 5xx other than 503, or without problem+json on an error: must stay empty. */
    final ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();

    private final SideNode command;
    private final List<String> providers;
    private final String run;
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean stopping;
    private final List<Thread> threads;

    Writers(SideNode command, List<String> providers, String run, int count) {
        this.command = command;
        this.providers = providers;
        this.run = run;
        this.threads = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> new Thread(this::write, "torture-writer-" + i)).toList();
    }

    void start() {
        threads.forEach(Thread::start);
    }

    void stop() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void write() {
        while (!stopping) {
            int n = ids.incrementAndGet();
            String account = run + "-acc-" + n;
            String provider = providers.get(n % providers.size());
            Answer registered = send("/api/v1/accounts", Map.of("accountId", account, "customerId", "cust-" + account,
                    "customerType", "INDIVIDUAL", "accountType", "ORDINARY_DEPOSIT", "pinRegisteredCard", true,
                    "termsVersion", "2026-01", "identityVerificationRef", "ekyc-" + account, "viaProviderId", provider));
            if (registered == null) {
                continue;
            }
            registeredAccounts.put(account, true);
            Answer granted = send("/api/v1/accounts/" + account + "/linkages",
                    Map.of("providerId", provider, "scopes", List.of("BALANCE"), "chainedRecipients", List.of()));
            if (granted == null) {
                continue;
            }
            String linkage = granted.body().path("linkageId").asText();
            grantedTokens.put(granted.body().path("token").asText(), linkage);
            if (n % 3 == 0) {
                Sent revocation = sent("/api/v1/linkages/" + linkage + "/revocations", Map.of("reason", "torture"));
                if (revocation.answer() != null) {
                    revokedLinkages.put(linkage, true);
                } else if (revocation.inDoubt()) {
                    revocationsInDoubt.put(linkage, true);
                }
            }
        }
    }

    /** The answer if acknowledged (2xx), else null after a short pause (the side may be down). */
    private Answer send(String path, Object body) {
        return sent(path, body).answer();
    }

    /** {@code answer}: the acknowledged answer or null; {@code inDoubt}: not acknowledged, yet maybe recorded. */
    private record Sent(Answer answer, boolean inDoubt) {
    }

    private Sent sent(String path, Object body) {
        attempts.incrementAndGet();
        boolean inDoubt = false;
        try {
            Answer answer = command.call("POST", path, body, "operator");
            if (answer.status() / 100 == 2) {
                acknowledged.incrementAndGet();
                return new Sent(answer, false);
            }
            if (answer.status() == 503) {
                storeAway.incrementAndGet();
                inDoubt = true;
            } else if (answer.status() >= 500 || !answer.contentType().startsWith("application/problem+json")) {
                serverErrors.add(answer.status() + " " + path + " " + answer.body());
            }
        } catch (UncheckedIOException killedOrRestarting) {
            unanswered.incrementAndGet();
            inDoubt = true;
        }
        pause();
        return new Sent(null, inDoubt);
    }

    private static void pause() {
        try {
            Thread.sleep(100); // a writer's back-off, not a test's wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
