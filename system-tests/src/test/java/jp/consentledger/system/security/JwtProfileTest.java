package jp.consentledger.system.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jp.consentledger.system.security.Http.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.consentledger.system.secrets.RealSecrets;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static jp.consentledger.system.security.Http.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jwt profile on both sides, against a key pair made here (no identity provider, no network):
 * the roles claim maps to the ledger's roles, provider_id names the provider, anything unsigned,
 * foreign or expired is 401, the demo users are gone, and providers' issued secrets still work.
 */
class JwtProfileTest {
    static KeyPair bank;
    static SecuredLedger ledger;
    static String cmd;
    static String qry;

    @BeforeAll
    static void start() throws Exception {
        bank = rsa();
        Path dir = Files.createTempDirectory("ledger-jwt");
        Path publicKey = dir.resolve("bank-idp.pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(bank.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=jwt",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey));
        arguments.addAll(RealSecrets.asFileArguments(dir.resolve("secrets"))); // a profile refuses the demo secrets
        ledger = new SecuredLedger(dir, arguments.toArray(String[]::new));
        cmd = ledger.commandUrl();
        qry = ledger.queryUrl();
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void claimsMapToTheSameRolesAndAProvidersIdConfinesItToItsOwn() throws Exception {
        String operator = jwt(bank, Map.of("sub", "ops-17", "roles", List.of("OPERATOR")), Duration.ofMinutes(5));
        Answer registered = call("POST", cmd + "/api/v1/providers").bearer(operator)
                .json("{\"providerId\":\"p-alpha\",\"name\":\"Alpha\"}").send();
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(call("POST", cmd + "/api/v1/providers").bearer(operator).json("{\"providerId\":\"p-beta\",\"name\":\"Beta\"}")
                .send().status()).isEqualTo(201);

        String gateway = jwt(bank, Map.of("sub", "gw-1", "roles", "GATEWAY"), Duration.ofMinutes(5)); // space-separated form
        await().atMost(Duration.ofSeconds(30)).until(() -> call("POST", qry + "/api/v1/token-checks").bearer(gateway)
                .json("{\"token\":\"nope\",\"scope\":\"BALANCE\"}").send().status() == 200);
        assertThat(call("POST", qry + "/api/v1/token-checks").bearer(operator).json("{\"token\":\"nope\",\"scope\":\"BALANCE\"}")
                .send().status()).isEqualTo(403);

        String alpha = jwt(bank, Map.of("sub", "svc-alpha", "roles", List.of("PROVIDER"), "provider_id", "p-alpha"),
                Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                call("GET", qry + "/api/v1/providers/p-alpha/linkages").bearer(alpha).send().status() == 200);
        Answer others = call("GET", qry + "/api/v1/providers/p-beta/linkages").bearer(alpha).send();
        Answer nobody = call("GET", qry + "/api/v1/providers/p-nobody/linkages").bearer(alpha).send();
        assertThat(others.status()).isEqualTo(404);
        assertThat(others.body().replace("p-beta", "<id>")).isEqualTo(nobody.body().replace("p-nobody", "<id>"));

        // PROVIDER without a provider id is no provider at all.
        String anonymousProvider = jwt(bank, Map.of("sub", "x", "roles", List.of("PROVIDER")), Duration.ofMinutes(5));
        assertThat(call("GET", qry + "/api/v1/providers/p-alpha/linkages").bearer(anonymousProvider).send().status())
                .isEqualTo(403);
        // The provider's issued secret still authenticates it by HTTP Basic.
        assertThat(call("GET", qry + "/api/v1/providers/p-alpha/linkages").as("p-alpha", registered.field("secret"))
                .send().status()).isEqualTo(200);
    }

    @Test
    void foreignExpiredOrMissingTokensAndTheDemoUsersAreUnauthenticated() throws Exception {
        Map<String, Object> claims = Map.of("sub", "ops-17", "roles", List.of("OPERATOR"));
        List<Answer> answers = List.of(
                call("POST", cmd + "/api/v1/terms").bearer(jwt(rsa(), claims, Duration.ofMinutes(5))).json("{}").send(),
                call("POST", cmd + "/api/v1/terms").bearer(jwt(bank, claims, Duration.ofMinutes(-5))).json("{}").send(),
                call("POST", cmd + "/api/v1/terms").bearer("not.a.jwt").json("{}").send(),
                call("POST", cmd + "/api/v1/terms").json("{}").send(),
                call("POST", cmd + "/api/v1/terms").as("operator", "operator").json("{}").send(),
                call("POST", qry + "/api/v1/token-checks").as("gateway", "gateway").json("{}").send());
        for (Answer answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
            assertThat(answer.isProblem()).as(answer.toString()).isTrue();
            assertThat(answer.raw().headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Bearer"));
        }
    }

    private static String jwt(KeyPair key, Map<String, Object> claims, Duration validFor) throws JOSEException {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(validFor)));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), builder.build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
