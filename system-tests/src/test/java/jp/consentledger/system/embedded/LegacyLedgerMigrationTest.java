package jp.consentledger.system.embedded;

import jp.consentledger.kernel.audit.EventChain;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import org.axonframework.common.DateTimeUtils;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;

import static jp.consentledger.system.embedded.LedgerDriver.eventually;
import static jp.consentledger.system.embedded.ProviderCredentialsEndToEndTest.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ledger from before credentials had ids, as its store stood: a provider's registration event of
 * revision 1 holding its secret's bcrypt hash, and that hash in the command side's old credential table.
 * Both sides start on it (migrations V91): the provider keeps authenticating with its secret on both
 * sides, as credential "legacy"; its rotation replaces that credential, and the old hash then remains
 * only in the immutable stored bytes, which no answer shows.
 */
class LegacyLedgerMigrationTest {
    static final Instant REGISTERED = Instant.parse("2026-02-01T00:00:00Z");
    static final String PROVIDER = "p-old";
    static final String SECRET = "an-old-secret-issued-before-credential-ids-0123";
    static final String[] OPERATOR = {"operator", "operator"};
    static final String[] AUDITOR = {"auditor", "auditor"};

    static EmbeddedLedger ledger;
    static String oldHash;

    @BeforeAll
    static void aStoreWrittenByTheLedgerBeforeCredentialIdsThenBothSidesStartOnIt() throws IOException, SQLException {
        Path dir = Files.createTempDirectory("consent-ledger-legacy-");
        String url = "jdbc:h2:file:" + dir.resolve("ledger") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        // Every command-side migration before V91 (which moves the secrets into the credential store).
        var flyway = Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/command/h2")
                .table("flyway_history_command");
        String before = Arrays.stream(flyway.load().info().all()).map(m -> m.getVersion())
                .filter(v -> v.isNewerThan("0") && !v.isAtLeast("91")).max(Comparator.naturalOrder()).orElseThrow().getVersion();
        flyway.target(before).load().migrate();
        oldHash = new BCryptPasswordEncoder().encode(SECRET);
        String payload = "{\"providerId\":\"" + PROVIDER + "\",\"name\":\"Old Co.\",\"secretHash\":\"" + oldHash
                + "\",\"registeredAt\":\"" + REGISTERED + "\"}";
        EventChain.StoredRow row = new EventChain.StoredRow(UUID.randomUUID().toString(), "provider:" + PROVIDER, 0, "Provider",
                DateTimeUtils.formatInstant(REGISTERED), ProviderRegisteredEvent.class.getName(), "1",
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO domain_event_entry (event_identifier,"
                    + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload,"
                    + " meta_data, previous_hash, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, row.eventIdentifier());
                insert.setString(2, row.aggregateIdentifier());
                insert.setLong(3, row.sequenceNumber());
                insert.setString(4, row.type());
                insert.setString(5, row.timeStamp());
                insert.setString(6, row.payloadType());
                insert.setString(7, row.payloadRevision());
                insert.setBytes(8, row.payload());
                insert.setBytes(9, row.metaData());
                insert.setString(10, EventChain.GENESIS);
                insert.setString(11, EventChain.link(EventChain.GENESIS, row));
                insert.executeUpdate();
            }
            c.createStatement().executeUpdate("INSERT INTO cmd_provider_directory (provider_id, status) VALUES ('" + PROVIDER + "', 'ACTIVE')");
            try (PreparedStatement credential = c.prepareStatement(
                    "INSERT INTO cmd_provider_credential (provider_id, secret_hash) VALUES (?, ?)")) {
                credential.setString(1, PROVIDER);
                credential.setString(2, oldHash);
                credential.executeUpdate();
            }
        }
        ledger = new EmbeddedLedger(dir, new MutableClock(LedgerDriver.START));
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void theProviderKeepsItsSecretAsTheLegacyCredentialUntilTheBankRotatesIt() {
        String cmd = ledger.commandUrl();
        String qry = ledger.queryUrl();
        String[] old = {PROVIDER, SECRET};
        ProviderCredentialsEndToEndTest.Answer current = send("GET", cmd + "/api/v1/providers/" + PROVIDER + "/credentials/current", old, null);
        assertThat(current.status()).as(current.text()).isEqualTo(200);
        assertThat(current.json().path("credentialId").asText()).isEqualTo("legacy");
        eventually().until(() -> send("GET", qry + "/api/v1/providers/" + PROVIDER + "/linkages", old, null).status() == 200);
        assertThat(ledger.queryLong("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = 'CMD_PROVIDER_CREDENTIAL'"))
                .isZero();

        // A linkage of it: its history shows the old registration as revision 2, without the hash.
        assertThat(send("POST", cmd + "/api/v1/terms", OPERATOR, "{\"version\":\"v-old\",\"effectiveFrom\":\"2026-01-01T00:00:00Z\","
                + "\"documentSha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}").status()).isEqualTo(201);
        assertThat(send("POST", cmd + "/api/v1/accounts", OPERATOR, "{\"accountId\":\"acc-old\",\"customerId\":\"cus-old\","
                + "\"customerType\":\"INDIVIDUAL\",\"accountType\":\"ORDINARY_DEPOSIT\",\"pinRegisteredCard\":true,"
                + "\"termsVersion\":\"v-old\",\"identityVerificationRef\":\"idv-old\",\"viaProviderId\":\"" + PROVIDER + "\"}")
                .status()).isEqualTo(201);
        ProviderCredentialsEndToEndTest.Answer grant = send("POST", cmd + "/api/v1/accounts/acc-old/linkages", OPERATOR,
                "{\"providerId\":\"" + PROVIDER + "\",\"scopes\":[\"BALANCE\"],\"chainedRecipients\":[]}");
        assertThat(grant.status()).as(grant.text()).isEqualTo(201);
        String history = qry + "/api/v1/audit/linkages/" + grant.json().path("linkageId").asText() + "/history";
        eventually().until(() -> send("GET", history, AUDITOR, null).status() == 200);
        assertThat(send("GET", history, AUDITOR, null).text()).contains("\"credentialId\":\"legacy\"")
                .doesNotContain(oldHash).doesNotContain("secretHash");

        // The aggregate loads from the old event (upcast) and rotates from the legacy credential.
        ProviderCredentialsEndToEndTest.Answer rotated = send("POST", cmd + "/api/v1/providers/" + PROVIDER + "/credentials", OPERATOR, null);
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(201);
        String[] renewed = {PROVIDER, rotated.json().path("secret").asText()};
        assertThat(send("GET", cmd + "/api/v1/providers/" + PROVIDER + "/credentials/current", old, null).status()).isEqualTo(401);
        eventually().until(() -> send("GET", qry + "/api/v1/providers/" + PROVIDER + "/linkages", old, null).status() == 401);
        assertThat(send("GET", qry + "/api/v1/providers/" + PROVIDER + "/linkages", renewed, null).status()).isEqualTo(200);
        assertThat(ledger.queryLong("SELECT COUNT(*) FROM cmd_provider_secret WHERE secret_hash = ?", oldHash)).isZero();
        assertThat(ledger.queryLong("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type LIKE '%ProviderCredentialRotatedEvent'"
                + " AND payload_revision = '1'")).isEqualTo(1);

        // The chain over the old bytes still holds; the provider's history shows no hash.
        eventually().until(() -> send("GET", qry + "/api/v1/audit/verification", AUDITOR, null).status() == 200);
        assertThat(send("GET", qry + "/api/v1/audit/verification", AUDITOR, null).json().path("verified").asBoolean()).isTrue();
    }
}
