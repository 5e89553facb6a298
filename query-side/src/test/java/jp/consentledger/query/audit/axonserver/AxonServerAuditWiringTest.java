package jp.consentledger.query.audit.axonserver;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.consentledger.query.QuerySideApplication;
import jp.consentledger.query.audit.index.AxonEventRows;
import jp.consentledger.query.audit.index.EventRows;
import jp.consentledger.query.audit.integrity.Verification;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The compose stack's query node (profiles postgres,axonserver) keeps tamper evidence on: with no JDBC event store
 * its audit reads the events through Axon's event-store API, Axon Server's, with the links in their metadata. No
 * Axon Server runs here: the node is started against a closed port (it starts, and reports not ready), and only
 * its wiring is checked.
 */
@DisabledIfSystemProperty(named = "ledger.test.event-engine", matches = "in-memory", disabledReason = "wiring, not the audit")
class AxonServerAuditWiringTest {

    @Test
    void underTheAxonServerProfileTheAuditReadsTheEventsThroughAxonsApi() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             ConfigurableApplicationContext node = new SpringApplicationBuilder(QuerySideApplication.class)
                     .profiles("postgres", "axonserver")
                     .run("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                             "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                             "--server.port=0", "--axon.axonserver.servers=localhost:" + closedPort,
                             // A profile refuses the published demo keys: real ones, drawn for this run.
                             "--ledger.token.hmac-secret=axon-server-wiring-" + UUID.randomUUID(),
                             "--ledger.audit.signing.private-key=" + Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()),
                             "--ledger.audit.signing.public-key=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()))) {
            assertThat(node.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
            assertThat(node.getBeansOfType(EventStorageEngine.class)).isEmpty();
            assertThat(node.getBean(EventRows.class)).isInstanceOf(AxonEventRows.class);
            assertThat(node.getBeansOfType(Verification.class)).hasSize(1);
            // It started without the server (its pooled processor no longer asks the server for a first token).
            HealthEndpoint health = node.getBean(HealthEndpoint.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.DOWN));
        }
    }
}
