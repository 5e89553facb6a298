package jp.consentledger.query.audit.forgery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.consentledger.kernel.breach.BreachKind;
import jp.consentledger.kernel.breach.BreachReportedEvent;
import jp.consentledger.kernel.breach.BreachResolvedEvent;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.ids.SuspensionId;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationRequestedEvent;
import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.kernel.service.ServiceSuspensionDeclaredEvent;
import jp.consentledger.kernel.service.ServiceSuspensionLiftedEvent;
import jp.consentledger.query.audit.AuditTestContext;
import jp.consentledger.query.audit.TestLedger;
import jp.consentledger.verifier.EvidenceVerifier;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real bundles from the real ledger, and the verifier's command line run on edited copies of them. The store (of
 * its own, so that its service-wide events stay out of the other audit tests) holds a revocation dispute whose
 * state rests on several aggregates of several events each: the account (registration, grant, request,
 * confirmation), the provider (registration, suspension, reinstatement), a provider suspension window (declared,
 * lifted), a breach naming the linkage (reported, resolved), the terms; and, elsewhere, an unrelated account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ForgedBundles {
    static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
    static final Instant T1 = Instant.parse("2026-04-01T01:00:00Z");
    static final Instant T2 = Instant.parse("2026-04-01T01:30:00Z");
    static final Instant T2R = Instant.parse("2026-04-01T01:35:00Z");
    static final Instant T3 = Instant.parse("2026-04-01T02:00:00Z");
    static final String LINKAGE = "lnk-forgery";
    static final String ACCOUNT = "acc-forgery";
    static final String PROVIDER = "prov-forgery";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Bundles taken once per store: before the confirmation was recorded, and after it. */
    static JsonNode before;
    static JsonNode genuine;
    static JsonNode account;
    static JsonNode elsewhere;
    static Path keys;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AuditTestContext.register(registry, "forgery");
    }

    static synchronized void writeTheDisputeOnce(TestRestTemplate http, ConnectionProvider connections,
                                                 TransactionManager transactions) {
        AuditTestContext.asDisputeHandler(http);
        if (genuine != null) {
            return;
        }
        TestLedger ledger = new TestLedger(connections, transactions);
        LinkageId linkage = new LinkageId(LINKAGE);
        AccountId accountId = new AccountId(ACCOUNT);
        ProviderId provider = new ProviderId(PROVIDER);
        ledger.terms("forgery-v1", T0, T0);
        ledger.provider(PROVIDER, T0);
        ledger.provider("prov-elsewhere", T0);
        ledger.append("Provider", PROVIDER, new ProviderSuspendedEvent(provider, "audit", T0.plusSeconds(600)), T0.plusSeconds(600));
        ledger.append("Provider", PROVIDER, new ProviderReinstatedEvent(provider, T0.plusSeconds(1200)), T0.plusSeconds(1200));
        ledger.account(ACCOUNT, "forgery-v1", T0.plusSeconds(60), Duration.ofDays(365));
        SuspensionId window = new SuspensionId("susp-forgery");
        ledger.append("ServiceSuspension", window.value(), new ServiceSuspensionDeclaredEvent(window, T0.plusSeconds(1800),
                T0.plusSeconds(2400), provider, "maintenance", T0.plusSeconds(1500)), T0.plusSeconds(1500));
        ledger.append("ServiceSuspension", window.value(), new ServiceSuspensionLiftedEvent(window, T0.plusSeconds(2100)),
                T0.plusSeconds(2100));
        ledger.grant(LINKAGE, ACCOUNT, PROVIDER, Set.of(Scope.BALANCE, Scope.TRANSACTIONS), "forgery-v1", T1, Duration.ofDays(90));
        BreachId breach = new BreachId("breach-forgery");
        ledger.append("Breach", breach.value(), new BreachReportedEvent(breach, BreachKind.DATA_LEAK, T1.plusSeconds(300),
                "leak at the provider", "operator", Set.of(), Set.of(), Set.of(linkage), false, T1.plusSeconds(600)), T1.plusSeconds(600));
        ledger.account("acc-elsewhere", "forgery-v1", T1, Duration.ofDays(365));
        ledger.grant("lnk-elsewhere", "acc-elsewhere", "prov-elsewhere", Set.of(Scope.BALANCE), "forgery-v1", T1, Duration.ofDays(90));
        ledger.append("Breach", breach.value(), new BreachResolvedEvent(breach, "contained", T1.plusSeconds(1200)), T1.plusSeconds(1200));
        ledger.append("Account", ACCOUNT, new LinkageRevocationRequestedEvent(linkage, accountId, provider, T2, T2R), T2R);
        before = await().until(() -> evidence(http, "linkages/" + LINKAGE, T3.plusSeconds(1)), b -> has(b, "LinkageRevocationRequestedEvent"));
        ledger.append("Account", ACCOUNT, new LinkageRevocationConfirmedEvent(linkage, accountId, provider, T3), T3);
        genuine = await().until(() -> evidence(http, "linkages/" + LINKAGE, T3.plusSeconds(1)), b -> has(b, "LinkageRevocationConfirmedEvent"));
        account = evidence(http, "accounts/" + ACCOUNT, T3.plusSeconds(1));
        elsewhere = evidence(http, "linkages/lnk-elsewhere", T3.plusSeconds(1));
        try {
            keys = Files.createTempFile("ledger-keys", ".json");
            Files.writeString(keys, http.getForObject("/api/v1/audit/keys", String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean has(JsonNode bundle, String type) {
        return bundle != null && bundle.path("events").findValuesAsText("type").contains(type);
    }

    private static JsonNode evidence(TestRestTemplate http, String path, Instant at) {
        ResponseEntity<JsonNode> response = http.getForEntity("/api/v1/audit/" + path + "/evidence?at=" + at, JsonNode.class);
        return response.getStatusCode().value() == 200 ? response.getBody() : null;
    }

    /** The verifier's command line on a bundle: exit status and everything it printed. */
    record Run(int status, String out, String err) {
    }

    static Run verify(JsonNode bundle) {
        return verify(bundle.toString(), keys.toString());
    }

    static Run verify(String bundleText, String keyArgument) {
        try {
            Path file = Files.createTempFile("bundle", ".json");
            Files.writeString(file, bundleText);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = EvidenceVerifier.run(new String[] {file.toString(), keyArgument},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            Files.delete(file);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code bundle} edited by {@code forgery}, which the verifier must reject naming {@code what}. */
    static void rejected(JsonNode bundle, Consumer<ObjectNode> forgery, String what) {
        ObjectNode forged = bundle.deepCopy();
        forgery.accept(forged);
        Run run = verify(forged);
        assertThat(run.status()).as("exit status for a forgery that should name '%s'; printed:%n%s", what, run.out()).isEqualTo(1);
        assertThat(run.out()).as("what the verifier names").startsWith("REJECTED").contains(what);
    }

    static ArrayNode events(ObjectNode bundle) {
        return (ArrayNode) bundle.path("events");
    }

    /** The index in the bundle's events of the event at {@code position}. */
    static int indexOf(JsonNode bundle, long position) {
        for (int i = 0; i < bundle.path("events").size(); i++) {
            if (bundle.path("events").get(i).path("position").asLong() == position) {
                return i;
            }
        }
        throw new AssertionError("no event at position " + position);
    }

    static ObjectNode subject(ObjectNode bundle, String key) {
        for (JsonNode subject : bundle.path("subjects")) {
            if (subject.path("key").asText().equals(key)) {
                return (ObjectNode) subject;
            }
        }
        throw new AssertionError("no subject " + key);
    }
}
