package jp.consentledger.web.problem;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 17, finding 3: with its database away the ledger answered 500; it is a 503 to retry, never a 500. */
class DatabaseAwayAnswerTest {
    private final LedgerProblemAdvice advice = new LedgerProblemAdvice("unexpected") {
    };

    @Test
    void aFailureToReachTheDatabaseIsA503WithRetryAfter() {
        for (Exception away : new Exception[]{
                new IllegalStateException("Could not open JDBC Connection", new SQLTransientConnectionException("pool timed out")),
                new RuntimeException(new SQLException("Connection refused", "08001")),
                new RuntimeException(new SQLException("Database is already closed", "90121", 90121)),
                new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01")),
                new RuntimeException(new RuntimeException(new ConnectException("Connection refused")))}) {
            ResponseEntity<ProblemDetail> answer = advice.unexpected(away);
            assertThat(answer.getStatusCode().value()).as(away.toString()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(answer.getBody().getProperties()).containsEntry("code", "STORE_UNAVAILABLE");
        }
    }

    @Test
    void anyOtherFailureIsStillA500() {
        ResponseEntity<ProblemDetail> answer = advice.unexpected(new RuntimeException(new SQLException("syntax error", "42601")));
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getProperties()).containsEntry("code", "INTERNAL_ERROR");
    }
}
