package jp.consentledger.web.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure means the database could not be reached (no connection, a broken one, a pool
 * that timed out waiting for one): the caller should retry later (503), it did nothing wrong (not 400)
 * and the ledger is not broken (not 500). Recognised by the JDBC standard's types and SQLSTATE class 08
 * (connection exception), PostgreSQL's 57P0x (shutting down) and H2's connection codes, so this module
 * needs no JDBC library of its own.
 */
public final class StoreUnavailable {
    private static final int[] H2_CONNECTION_CODES = {90067, 90098, 90121, 90020, 8000};

    private StoreUnavailable() {
    }

    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException || t.getClass().getSimpleName().equals("CannotGetJdbcConnectionException")) {
                return true;
            }
            if (t instanceof SQLException sql && connectionState(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectionState(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
            return true;
        }
        for (int code : H2_CONNECTION_CODES) {
            if (sql.getErrorCode() == code) {
                return true;
            }
        }
        return false;
    }
}
