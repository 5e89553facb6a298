package jp.consentledger.web.problem;

/**
 * An exception's chain with its messages removed, for logging: messages of database and parsing
 * errors may quote what a caller sent (an account id, a customer id), and no log line may carry
 * those. The types and stack frames, which are what a developer needs, are kept.
 */
public final class RedactedFailure extends RuntimeException {
    private RedactedFailure(Throwable original, Throwable cause) {
        super(original.getClass().getName() + " (message withheld)", cause, false, true);
        setStackTrace(original.getStackTrace());
    }

    public static RedactedFailure of(Throwable failure) {
        return redact(failure, 0);
    }

    private static RedactedFailure redact(Throwable failure, int depth) {
        Throwable cause = failure.getCause();
        return new RedactedFailure(failure, cause == null || cause == failure || depth > 20 ? null : redact(cause, depth + 1));
    }
}
