package jp.consentledger.query.breach;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store from before the breach register was read in the audit index's pass holds the two read models at
 * two positions. Upgraded, both are emptied and their tokens dropped, so the one processor rebuilds both from
 * the first event; every other read model, and the tamper-evident log, keep what they hold.
 */
class BreachRegisterUpgradeTest {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anUpgradedStoreRebuildsTheAuditIndexAndTheBreachRegisterTogether(String vendor) {
        DataSource store = fresh(vendor);
        migrate(store, vendor, "91");
        JdbcClient jdbc = JdbcClient.create(store);
        for (String processor : new String[]{"audit-index", "breach-register", "linkage-directory"}) {
            jdbc.sql("INSERT INTO read_model.qry_token_entry (processor_name, segment, token_type) VALUES (?, 0, 'x')")
                    .param(processor).update();
        }
        jdbc.sql("INSERT INTO read_model.rm_breach (breach_id, kind, description, detected_at, reported_at, reported_by,"
                + " affected_provider_ids, affected_account_ids, affected_linkage_ids, suspend_affected_linkages,"
                + " reported_position, last_event_position) VALUES ('b-1', 'DATA_LEAK', 'd', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,"
                + " 'ops', '[]', '[]', '[]', FALSE, 7, 7)").update();
        jdbc.sql("INSERT INTO read_model.audit_event (global_index, event_id, aggregate_id, sequence_number, payload_type,"
                + " occurred_at, recorded_at, payload) VALUES (7, 'e-7', 'a-1', 0, 't', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '{}')")
                .update();
        jdbc.sql("INSERT INTO read_model.audit_log_leaf (leaf_index, global_index, chain_hash, leaf_hash) VALUES (0, 7, ?, ?)")
                .params("0".repeat(64), "1".repeat(64)).update();

        migrate(store, vendor, "latest");

        assertThat(jdbc.sql("SELECT processor_name FROM read_model.qry_token_entry").query(String.class).list())
                .containsExactly("linkage-directory");
        assertThat(count(jdbc, "rm_breach")).isZero();
        assertThat(count(jdbc, "audit_event")).isZero();
        assertThat(count(jdbc, "audit_log_leaf")).isEqualTo(1);
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT COUNT(*) FROM read_model." + table).query(Long.class).single();
    }

    private static void migrate(DataSource store, String vendor, String target) {
        Flyway.configure().dataSource(store).locations("classpath:db/migration/query/" + vendor)
                .table("flyway_history_query").target(target).load().migrate();
    }

    private static DataSource fresh(String vendor) {
        String database = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
        if (vendor.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
            return h2;
        }
        JdbcClient.create(postgres.getPostgresDatabase()).sql("CREATE DATABASE " + database).update();
        return postgres.getDatabase("postgres", database);
    }
}
