package jp.consentledger.system.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.system.embedded.LedgerDriver.Granted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import static jp.consentledger.system.embedded.LedgerDriver.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Providers' secrets out of the record (docs/provider-credentials.md): the bank rotates a provider's
 * secret with a command; the new one is shown once and works on both sides, the old one stops on both;
 * events name credentials and hold no secret and no hash, and neither does any answer; a suspended
 * provider still authenticates, a terminated one does not; a gateway node admits no provider.
 */
@ExtendWith(SharedLedger.class)
class ProviderCredentialsEndToEndTest {
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String[] OPERATOR = {"operator", "operator"};
    private static final String[] AUDITOR = {"auditor", "auditor"};

    record Answer(int status, String text) {
        JsonNode json() {
            try {
                return LedgerHttp.JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(status + " " + text, e);
            }
        }
    }

    @Test
    void aRotatedSecretWorksOnBothSidesAndTheOldOneStopsOnBoth(LedgerDriver ledger) {
        String cmd = ledger.ledger().commandUrl();
        String qry = ledger.ledger().queryUrl();
        String provider = LedgerDriver.newId("prov-rot");
        Answer registered = send("POST", cmd + "/api/v1/providers", OPERATOR,
                "{\"providerId\":\"" + provider + "\",\"name\":\"Rotating Co.\"}");
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        String[] first = {provider, registered.json().path("secret").asText()};
        String firstId = registered.json().path("credentialId").asText();
        eventually().until(() -> send("GET", qry + "/api/v1/providers/" + provider + "/linkages", first, null).status() == 200);

        assertThat(send("POST", cmd + "/api/v1/providers/" + provider + "/credentials", first, null).status())
                .as("a provider does not rotate its own secret: the bank does").isEqualTo(403);
        Answer rotated = send("POST", cmd + "/api/v1/providers/" + provider + "/credentials", OPERATOR, null);
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(201);
        String[] second = {provider, rotated.json().path("secret").asText()};
        assertThat(rotated.json().path("credentialId").asText()).isNotEqualTo(firstId).startsWith("cred-");
        assertThat(second[1]).isNotEqualTo(first[1]).hasSize(43);

        Answer current = send("GET", cmd + "/api/v1/providers/" + provider + "/credentials/current", second, null);
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.json().path("credentialId").asText()).isEqualTo(rotated.json().path("credentialId").asText());
        assertThat(send("GET", cmd + "/api/v1/providers/" + provider + "/credentials/current", first, null).status()).isEqualTo(401);

        // The query node remembered the first secret's success; the rotation it reads makes it forget.
        eventually().until(() -> send("GET", qry + "/api/v1/providers/" + provider + "/linkages", first, null).status() == 401);
        assertThat(send("GET", qry + "/api/v1/providers/" + provider + "/linkages", second, null).status()).isEqualTo(200);
        assertThat(send("GET", qry + "/api/v1/providers/" + provider + "/linkages", first, null).text())
                .contains("UNAUTHENTICATED");
    }

    @Test
    void aSuspendedProviderStillReadsAndGetsANewSecretATerminatedOneNeither(LedgerDriver ledger) {
        String cmd = ledger.ledger().commandUrl();
        String qry = ledger.ledger().queryUrl();
        String provider = LedgerDriver.newId("prov-standing");
        String[] secret = {provider, send("POST", cmd + "/api/v1/providers", OPERATOR,
                "{\"providerId\":\"" + provider + "\",\"name\":\"Standing Co.\"}").json().path("secret").asText()};
        assertThat(send("POST", cmd + "/api/v1/providers/" + provider + "/suspension", OPERATOR, "{\"reason\":\"review\"}")
                .status()).isEqualTo(200);
        Answer whileSuspended = send("POST", cmd + "/api/v1/providers/" + provider + "/credentials", OPERATOR, null);
        assertThat(whileSuspended.status()).as(whileSuspended.text()).isEqualTo(201);
        String[] renewed = {provider, whileSuspended.json().path("secret").asText()};
        eventually().until(() -> send("GET", qry + "/api/v1/providers/" + provider + "/linkages", renewed, null).status() == 200);
        assertThat(send("GET", qry + "/api/v1/providers/" + provider + "/linkages", secret, null).status()).isEqualTo(401);

        assertThat(send("POST", cmd + "/api/v1/providers/" + provider + "/termination", OPERATOR, "{\"reason\":\"ended\"}")
                .status()).isEqualTo(200);
        Answer afterTermination = send("POST", cmd + "/api/v1/providers/" + provider + "/credentials", OPERATOR, null);
        assertThat(afterTermination.status()).isEqualTo(422);
        assertThat(afterTermination.json().path("code").asText()).isEqualTo("PROVIDER_TERMINATED");
        assertThat(send("GET", cmd + "/api/v1/providers/" + provider + "/credentials/current", renewed, null).status()).isEqualTo(401);
        eventually().until(() -> send("GET", qry + "/api/v1/providers/" + provider + "/linkages", renewed, null).status() == 401);
        // the refused rotation left no hash behind: the ended provider's current secret is the only one kept
        assertThat(ledger.ledger().queryLong("SELECT COUNT(*) FROM cmd_provider_secret WHERE provider_id = ?", provider))
                .isEqualTo(1);
    }

    @Test
    void noStoredEventAndNoAnswerHoldsASecretOrAHashAndOnlyTheCredentialStoreHoldsTheHash(LedgerDriver ledger)
            throws SQLException {
        String cmd = ledger.ledger().commandUrl();
        String qry = ledger.ledger().queryUrl();
        String provider = LedgerDriver.newId("prov-scan");
        List<String> answers = new ArrayList<>();
        Answer registered = send("POST", cmd + "/api/v1/providers", OPERATOR,
                "{\"providerId\":\"" + provider + "\",\"name\":\"Scanned Co.\"}");
        String firstHash = hashOf(ledger, provider);
        Answer rotated = send("POST", cmd + "/api/v1/providers/" + provider + "/credentials", OPERATOR, null);
        String secondHash = hashOf(ledger, provider);
        List<String> secrets = List.of(registered.json().path("secret").asText(), rotated.json().path("secret").asText());
        List<String> hashes = List.of(firstHash, secondHash);
        assertThat(hashes).allMatch(hash -> BCRYPT.matcher(hash).matches());
        answers.add(registered.text());
        answers.add(rotated.text());

        String account = ledger.account(provider);
        Granted granted = ledger.grant(account, provider, "BALANCE");
        String[] auditor = AUDITOR;
        eventually().until(() -> send("GET", qry + "/api/v1/audit/linkages/" + granted.linkageId() + "/history", auditor, null)
                .status() == 200);
        answers.add(send("GET", qry + "/api/v1/audit/linkages/" + granted.linkageId() + "/history", auditor, null).text());
        answers.add(send("GET", qry + "/api/v1/audit/accounts/" + account + "/history", auditor, null).text());
        answers.add(send("GET", qry + "/api/v1/audit/linkages/" + granted.linkageId() + "/state?at=" + ledger.now(), auditor, null).text());
        answers.add(send("GET", qry + "/api/v1/linkages/" + granted.linkageId(), OPERATOR, null).text());
        answers.add(send("GET", cmd + "/api/v1/providers/" + provider + "/credentials/current", OPERATOR, null).text());
        assertThat(answers.get(2)).contains("ProviderRegisteredEvent", "ProviderCredentialRotatedEvent",
                rotated.json().path("credentialId").asText());
        for (String answer : answers) {
            assertThat(BCRYPT.matcher(answer).find()).as(answer).isFalse();
            hashes.forEach(hash -> assertThat(answer).doesNotContain(hash));
        }
        assertThat(answers.subList(2, answers.size())).allSatisfy(answer -> secrets.forEach(secret -> assertThat(answer).doesNotContain(secret)));

        List<String> found = new ArrayList<>();
        try (Connection c = ledger.ledger().connect()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getColumns(null, null, "%", "%")) {
                while (rs.next()) {
                    int type = rs.getInt("DATA_TYPE");
                    boolean readable = type == Types.VARCHAR || type == Types.CHAR || type == Types.CLOB
                            || type == Types.VARBINARY || type == Types.BINARY || type == Types.BLOB;
                    if (readable && !"INFORMATION_SCHEMA".equals(rs.getString("TABLE_SCHEM"))) {
                        columns.add(new String[]{rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME")});
                    }
                }
            }
            assertThat(columns).anyMatch(column -> column[1].equals("DOMAIN_EVENT_ENTRY") && column[2].equals("PAYLOAD"));
            for (String[] column : columns) {
                String where = column[1] + "." + column[2];
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT \"" + column[2] + "\" FROM \"" + column[0] + "\".\"" + column[1] + "\"")) {
                    while (rs.next()) {
                        Object value = rs.getObject(1);
                        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
                        secrets.stream().filter(text::contains).forEach(s -> found.add(where + " holds a secret"));
                        if (!where.equals("CMD_PROVIDER_SECRET.SECRET_HASH") && BCRYPT.matcher(text).find()) {
                            found.add(where + " holds a bcrypt hash");
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void aGatewayNodeAdmitsNoProviderWhateverItsSecret(LedgerDriver ledger) {
        String cmd = ledger.ledger().commandUrl();
        String provider = LedgerDriver.newId("prov-gw");
        String[] secret = {provider, send("POST", cmd + "/api/v1/providers", OPERATOR,
                "{\"providerId\":\"" + provider + "\",\"name\":\"Gateway Co.\"}").json().path("secret").asText()};
        eventually().until(() -> send("GET", ledger.ledger().queryUrl() + "/api/v1/providers/" + provider + "/linkages",
                secret, null).status() == 200);
        try (ConfigurableApplicationContext gateway = ledger.ledger().startGatewayQuerySide()) {
            String url = EmbeddedLedger.baseUrl(gateway);
            assertThat(send("POST", url + "/api/v1/token-checks", secret, "{\"token\":\"x\",\"scope\":\"BALANCE\"}").status())
                    .isEqualTo(401);
            assertThat(send("GET", url + "/api/v1/providers/" + provider + "/linkages", secret, null).status()).isEqualTo(421);
        }
    }

    private static String hashOf(LedgerDriver ledger, String provider) {
        try (Connection c = ledger.ledger().connect(); var select = c.prepareStatement(
                "SELECT secret_hash FROM cmd_provider_secret WHERE provider_id = ? AND state = 'CURRENT'")) {
            select.setString(1, provider);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Answer send(String method, String url, String[] credentials, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (credentials[0] + ":" + credentials[1]).getBytes(StandardCharsets.UTF_8)));
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
