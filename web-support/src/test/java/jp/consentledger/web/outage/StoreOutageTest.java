package jp.consentledger.web.outage;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class StoreOutageTest {

    @Test
    void a_lost_or_refused_connection_anywhere_in_the_causes_is_an_outage() {
        assertThat(StoreOutage.isCause(new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))).isTrue();
        assertThat(StoreOutage.isCause(new RuntimeException("wrapped", new SQLException("refused", "08001")))).isTrue();
        assertThat(StoreOutage.isCause(new IllegalStateException(new RuntimeException(new SQLException("I/O error", "08006"))))).isTrue();
        assertThat(StoreOutage.isCause(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(StoreOutage.isCause(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(StoreOutage.isCause(new RuntimeException(new SQLException("Connection is closed")))).isTrue();
        assertThat(StoreOutage.isCause(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
    }

    @Test
    void every_other_failure_stays_what_it_is() {
        assertThat(StoreOutage.isCause(new SQLException("duplicate key value violates unique constraint", "23505"))).isFalse();
        assertThat(StoreOutage.isCause(new SQLException("something else"))).isFalse();
        assertThat(StoreOutage.isCause(new IllegalStateException("a bug"))).isFalse();
        assertThat(StoreOutage.isCause(null)).isFalse();
    }

    @Test
    void the_problem_is_a_503_with_a_stable_code() {
        assertThat(StoreOutage.problem().getStatus()).isEqualTo(503);
        assertThat(StoreOutage.problem().getProperties()).containsEntry("code", "STORE_UNAVAILABLE");
    }
}
