package jp.consentledger.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A run's failed requests by why they failed, since only some are the server's answer: a request the
 * generator never sent (due while a second's worth already waited for a free connection: the server was
 * that far behind), one sent but never answered (or whose connection broke), and non-2xx statuses.
 */
final class ErrorTally {
    private final AtomicLong neverSent = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

    void neverSent(long requests) {
        neverSent.addAndGet(requests);
    }

    void unanswered() {
        unanswered.incrementAndGet();
    }

    void status(int status) {
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    long total() {
        return neverSent.get() + unanswered.get() + statuses.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** E.g. "3,300 never sent (the server was over a second behind), 68 HTTP 503"; empty when there were none. */
    String describe() {
        StringBuilder kinds = new StringBuilder();
        if (neverSent.get() > 0) {
            kinds.append(String.format("%,d never sent (the server was over a second behind)", neverSent.get()));
        }
        if (unanswered.get() > 0) {
            kinds.append(kinds.isEmpty() ? "" : ", ").append(String.format("%,d unanswered", unanswered.get()));
        }
        new TreeMap<>(statuses).forEach((status, count) ->
                kinds.append(kinds.isEmpty() ? "" : ", ").append(String.format("%,d HTTP %d", count.sum(), status)));
        return kinds.toString();
    }
}
