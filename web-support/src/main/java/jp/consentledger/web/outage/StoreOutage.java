package jp.consentledger.web.outage;

import jp.consentledger.web.problem.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a failure caused by the database being away from any other: the request may well succeed once
 * it is back, so the caller is told 503 STORE_UNAVAILABLE with Retry-After, not a 500. A command's
 * transaction cannot commit without the database; only a connection lost while its commit was under
 * way leaves the outcome unknown, which a retry with the same Idempotency-Key settles.
 */
public final class StoreOutage {
    /** Seconds a caller should wait: about what a crashed PostgreSQL takes to recover and be restarted. */
    public static final String RETRY_AFTER_SECONDS = "5";
    private static final int[] H2_CONNECTION_CODES = {90067, 90098, 90121, 90020, 8000};

    private StoreOutage() {
    }

    /** True when {@code failure} or one of its causes says the connection could not be had or was lost. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Spring's CannotGetJdbcConnectionException and CannotCreateTransactionException carry these as causes.
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException || t.getClass().getSimpleName().equals("CannotGetJdbcConnectionException")) {
                return true;
            }
            if (t instanceof SQLException sql && (lostConnection(sql.getSQLState()) || closedByThePool(sql) || h2Connection(sql))) {
                return true;
            }
        }
        return false;
    }

    /**
     * HikariCP closes a connection that failed with a connection error and answers any further use of it
     * (a rollback, Axon's cleanup) with this exception, which carries no SQLSTATE.
     */
    private static boolean closedByThePool(SQLException e) {
        return e.getSQLState() == null && "Connection is closed".equals(e.getMessage());
    }

    /** H2's own codes for a database it cannot open or reach (the in-process tests' store). */
    private static boolean h2Connection(SQLException e) {
        for (int code : H2_CONNECTION_CODES) {
            if (e.getErrorCode() == code) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE class 08 (connection exception) and 57P01-57P03 (shut down, crashed, not yet accepting). */
    private static boolean lostConnection(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    public static ProblemDetail problem() {
        return ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "STORE_UNAVAILABLE", "Store unavailable",
                "The ledger's database cannot be reached just now. Retry after " + RETRY_AFTER_SECONDS
                        + " seconds, with the same Idempotency-Key for a command (a retry never records it twice).");
    }
}
