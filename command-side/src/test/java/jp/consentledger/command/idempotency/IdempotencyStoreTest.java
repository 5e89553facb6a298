package jp.consentledger.command.idempotency;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The store on a real H2 database migrated by the command side's own Flyway scripts. */
class IdempotencyStoreTest {
    private static final Duration IN_FLIGHT_TIMEOUT = Duration.ofMinutes(1);
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private IdempotencyStore store;
    private JdbcClient jdbc;

    @BeforeEach
    void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/command/h2").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        store = new IdempotencyStore(jdbc);
    }

    @Test
    void theFirstClaimWinsARepeatWaitsThenGetsTheAnswerAndAnotherRequestIsReuse() {
        assertThat(store.claim("k", "r", T0, IN_FLIGHT_TIMEOUT)).isInstanceOf(IdempotencyStore.Claimed.class);
        assertThat(store.claim("k", "r", T0, IN_FLIGHT_TIMEOUT)).isInstanceOf(IdempotencyStore.InFlight.class);
        assertThat(store.claim("k", "other", T0, IN_FLIGHT_TIMEOUT)).isInstanceOf(IdempotencyStore.Reused.class);
        store.complete("k", 201, "application/json", new byte[]{1, 2, 3}, T0);
        IdempotencyStore.Claim repeat = store.claim("k", "r", T0.plusSeconds(5), IN_FLIGHT_TIMEOUT);
        assertThat(repeat).isInstanceOfSatisfying(IdempotencyStore.Completed.class, completed -> {
            assertThat(completed.status()).isEqualTo(201);
            assertThat(completed.contentType()).isEqualTo("application/json");
            assertThat(completed.sealedAnswer()).containsExactly(1, 2, 3);
        });
        assertThat(store.claim("k", "other", T0.plusSeconds(5), IN_FLIGHT_TIMEOUT)).isInstanceOf(IdempotencyStore.Reused.class);
    }

    @Test
    void aReleasedKeyCanBeUsedAgainAndAnAbandonedOneIsTakenOverAfterTheTimeout() {
        store.claim("k", "r", T0, IN_FLIGHT_TIMEOUT);
        store.release("k");
        assertThat(store.claim("k", "fixed", T0, IN_FLIGHT_TIMEOUT)).isInstanceOf(IdempotencyStore.Claimed.class);

        assertThat(store.claim("k", "fixed", T0.plus(IN_FLIGHT_TIMEOUT), IN_FLIGHT_TIMEOUT)).isInstanceOf(IdempotencyStore.InFlight.class);
        assertThat(store.claim("k", "fixed", T0.plus(IN_FLIGHT_TIMEOUT).plusMillis(1), IN_FLIGHT_TIMEOUT))
                .isInstanceOf(IdempotencyStore.Claimed.class);
    }

    @Test
    void keysOlderThanTheRetentionArePurgedAndYoungerOnesKept() {
        store.claim("old", "r", T0, IN_FLIGHT_TIMEOUT);
        store.complete("old", 200, "application/json", new byte[]{1}, T0);
        store.claim("young", "r", T0.plus(Duration.ofDays(7)), IN_FLIGHT_TIMEOUT);
        assertThat(store.purgeCreatedBefore(T0.plus(Duration.ofDays(7)).minusMillis(1))).isEqualTo(1);
        assertThat(jdbc.sql("SELECT key_hash FROM cmd_idempotency_key").query(String.class).list()).containsExactly("young");
    }
}
