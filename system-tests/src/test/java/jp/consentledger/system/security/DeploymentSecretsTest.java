package jp.consentledger.system.security;

import jp.consentledger.query.QuerySideApplication;
import jp.consentledger.system.secrets.RealSecrets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static jp.consentledger.system.security.Http.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 17, finding 7: the published demo keys protected every profile. Under any profile the apps now
 * refuse to start on a demo or missing key, naming each setting, and start on real keys read from files
 * (LEDGER_..._FILE, as container secrets are mounted), with the demo staff users off unless enabled.
 */
class DeploymentSecretsTest {

    @Test
    void underAProfileTheCommandSideRefusesTheDemoKeysNamingEach() throws Exception {
        Path dir = Files.createTempDirectory("ledger-refusal");
        assertThatThrownBy(() -> new SecuredLedger(dir, "--spring.profiles.active=postgres"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ledger.token.hmac-secret (LEDGER_TOKEN_HMAC_SECRET) holds the published demo value")
                .hasMessageContaining("ledger.idempotency.encryption-key (LEDGER_IDEMPOTENCY_ENCRYPTION_KEY) holds the published demo value")
                .hasMessageNotContaining("signing");
    }

    @Test
    void underAProfileTheQuerySideRefusesADemoSigningKeyAndAMissingTokenKey() throws Exception {
        Path dir = Files.createTempDirectory("ledger-refusal-q");
        assertThatThrownBy(() -> new SpringApplicationBuilder(QuerySideApplication.class).run("--spring.profiles.active=jwt",
                "--spring.config.location=" + SecuredLedger.ownConfigFolder(QuerySideApplication.class), "--server.port=0", "--ledger.data-dir=" + dir, "--ledger.token.hmac-secret="))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ledger.token.hmac-secret (LEDGER_TOKEN_HMAC_SECRET) is missing")
                .hasMessageContaining("ledger.audit.signing.private-key (LEDGER_AUDIT_SIGNING_PRIVATE_KEY) holds the published demo value")
                .hasMessageContaining("ledger.audit.signing.public-key (LEDGER_AUDIT_SIGNING_PUBLIC_KEY) holds the published demo value");
    }

    @Test
    void underAProfileBothSidesStartOnKeysFromFilesWithTheDemoUsersOffUnlessEnabled() throws Exception {
        Path dir = Files.createTempDirectory("ledger-real-keys");
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=hardened"));
        arguments.addAll(RealSecrets.asFileArguments(dir.resolve("secrets")));
        try (SecuredLedger ledger = new SecuredLedger(dir, arguments.toArray(String[]::new))) {
            for (String side : List.of(ledger.commandUrl(), ledger.queryUrl())) {
                // A query side is ready once its read models have caught up with the store, a moment after it starts.
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    Http.Answer ready = call("GET", side + "/actuator/health/readiness").send();
                    assertThat(ready.status()).as(side + " " + ready).isEqualTo(200);
                });
                Http.Answer demo = call("GET", side + "/api/v1/linkages/lnk-x").as("operator", "operator").send();
                assertThat(demo.status()).as(demo.toString()).isEqualTo(401);
            }
        }
        arguments.add("--ledger.security.demo-users-enabled=true");
        try (SecuredLedger ledger = new SecuredLedger(dir, arguments.toArray(String[]::new))) {
            Http.Answer demo = call("POST", ledger.commandUrl() + "/api/v1/providers").as("operator", "operator")
                    .json("{\"providerId\":\"p-keys\",\"name\":\"Keys\"}").send();
            assertThat(demo.status()).as(demo.toString()).isEqualTo(201);
        }
    }
}
