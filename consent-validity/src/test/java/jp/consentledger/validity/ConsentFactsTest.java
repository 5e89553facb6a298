package jp.consentledger.validity;

import jp.consentledger.kernel.provider.ProviderCredentialId;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.account.AccountSuspendedEvent;
import jp.consentledger.kernel.account.AccountType;
import jp.consentledger.kernel.account.CustomerType;
import jp.consentledger.kernel.ids.AccountId;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.kernel.json.LedgerJson;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.ids.SuspensionId;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.token.TokenHasher;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.service.ServiceSuspensionDeclaredEvent;
import jp.consentledger.kernel.service.ServiceSuspensionLiftedEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fold keeps instants as Instant's two fields and accounts and providers as shared holders; these
 * are the cases the property test (millisecond clocks, every subject registered first) does not reach:
 * instants finer than a millisecond (a window's ends come from a request), instants at Instant's
 * limits (an audit may ask about any instant), and folds in which a linkage comes before the facts it
 * rests on (as-of folds take one subject's events).
 */
class ConsentFactsTest {
    private static final TokenHasher HASHER = new TokenHasher("consent-facts-test-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final Instant T = Instant.parse("2026-04-01T00:00:00Z");
    private static final AccountId ACCOUNT = new AccountId("acc-1");
    private static final ProviderId PROVIDER = new ProviderId("prov-1");
    private static final ProviderId OTHER_PROVIDER = new ProviderId("prov-2");

    private final ConsentFacts facts = new ConsentFacts();

    @Test
    void endsAreExclusiveToTheNanosecond() {
        registerAccountAndProviders();
        TokenHash token = grant("lnk-1", PROVIDER, T, T.plusSeconds(3600).plusNanos(500));
        Instant expires = T.plusSeconds(3600).plusNanos(500);

        assertThat(reason(token, Scope.BALANCE, T.minusNanos(1))).isEqualTo(ValidityReason.UNKNOWN_TOKEN);
        assertThat(reason(token, Scope.BALANCE, T)).isEqualTo(ValidityReason.VALID);
        assertThat(reason(token, Scope.BALANCE, expires.minusNanos(1))).isEqualTo(ValidityReason.VALID);
        assertThat(reason(token, Scope.BALANCE, expires)).isEqualTo(ValidityReason.EXPIRED);

        Instant from = T.plusSeconds(60).plusNanos(250);
        Instant until = from.plusMillis(1);
        facts.apply(new ServiceSuspensionDeclaredEvent(SuspensionId.of("sus-1"), from, until, null, "maintenance", T));
        assertThat(reason(token, Scope.BALANCE, from.minusNanos(1))).isEqualTo(ValidityReason.VALID);
        assertThat(reason(token, Scope.BALANCE, from)).isEqualTo(ValidityReason.SERVICE_SUSPENDED);
        assertThat(reason(token, Scope.BALANCE, until.minusNanos(1))).isEqualTo(ValidityReason.SERVICE_SUSPENDED);
        assertThat(reason(token, Scope.BALANCE, until)).isEqualTo(ValidityReason.VALID);

        Instant revoked = T.plusSeconds(120).plusNanos(1);
        facts.apply(new LinkageRevokedAtBankEvent(LinkageId.of("lnk-1"), ACCOUNT, PROVIDER, "fraud", revoked));
        assertThat(reason(token, Scope.BALANCE, revoked.minusNanos(1))).isEqualTo(ValidityReason.VALID);
        assertThat(reason(token, Scope.BALANCE, revoked)).isEqualTo(ValidityReason.REVOKED);
    }

    @Test
    void instantsAtTheLimitsOfInstantCompareWithoutOverflow() {
        registerAccountAndProviders();
        TokenHash token = grant("lnk-1", PROVIDER, T, Instant.MAX);

        assertThat(reason(token, Scope.BALANCE, Instant.MIN)).isEqualTo(ValidityReason.UNKNOWN_TOKEN);
        assertThat(reason(token, Scope.BALANCE, Instant.MAX.minusNanos(1))).isEqualTo(ValidityReason.REGISTRATION_LAPSED);
        assertThat(reason(token, Scope.BALANCE, Instant.MAX)).isEqualTo(ValidityReason.EXPIRED);
    }

    @Test
    void aLinkageFoldedBeforeItsAccountAndProviderSeesThemWhenTheyArrive() {
        TokenHash token = grant("lnk-1", PROVIDER, T, T.plusSeconds(3600));
        Instant at = T.plusSeconds(1);
        assertThat(reason(token, Scope.BALANCE, at)).isEqualTo(ValidityReason.ACCOUNT_CLOSED);
        assertThat(facts.account(ACCOUNT)).isNull();
        assertThat(facts.provider(PROVIDER)).isNull();

        facts.apply(accountRegistered());
        assertThat(reason(token, Scope.BALANCE, at)).isEqualTo(ValidityReason.PROVIDER_SUSPENDED);

        facts.apply(new ProviderRegisteredEvent(PROVIDER, "Budget app", new ProviderCredentialId("cred-1"), T));
        assertThat(reason(token, Scope.BALANCE, at)).isEqualTo(ValidityReason.VALID);
        assertThat(reason(token, Scope.TRANSACTIONS, at)).isEqualTo(ValidityReason.SCOPE_NOT_GRANTED);
        assertThat(reason(token, null, at)).isEqualTo(ValidityReason.SCOPE_NOT_GRANTED);
    }

    @Test
    void anAccountEventReachesEveryLinkageOfTheAccountAndAWindowOnlyItsProvider() {
        registerAccountAndProviders();
        TokenHash one = grant("lnk-1", PROVIDER, T, T.plusSeconds(3600));
        TokenHash other = grant("lnk-2", OTHER_PROVIDER, T, T.plusSeconds(3600));
        Instant at = T.plusSeconds(10);

        facts.apply(new ServiceSuspensionDeclaredEvent(SuspensionId.of("sus-1"), T, T.plusSeconds(60), OTHER_PROVIDER, "maintenance", T));
        assertThat(reason(one, Scope.BALANCE, at)).isEqualTo(ValidityReason.VALID);
        assertThat(reason(other, Scope.BALANCE, at)).isEqualTo(ValidityReason.SERVICE_SUSPENDED);

        facts.apply(new AccountSuspendedEvent(ACCOUNT, "investigation", at));
        assertThat(reason(one, Scope.BALANCE, at)).isEqualTo(ValidityReason.ACCOUNT_SUSPENDED);
        assertThat(reason(other, Scope.BALANCE, at)).isEqualTo(ValidityReason.ACCOUNT_SUSPENDED);
        assertThat(facts.account(ACCOUNT).suspended()).isTrue();
    }

    @Test
    void everyWindowInForceIsSeenWhateverTheOrderOfTheirEnds() {
        registerAccountAndProviders();
        TokenHash token = grant("lnk-1", PROVIDER, T, T.plusSeconds(3600));
        facts.apply(new ServiceSuspensionDeclaredEvent(SuspensionId.of("sus-early"), T.plusSeconds(10), T.plusSeconds(20), null, "maintenance", T));
        facts.apply(new ServiceSuspensionDeclaredEvent(SuspensionId.of("sus-late"), T.plusSeconds(100), T.plusSeconds(200), null, "maintenance", T));
        facts.apply(new ServiceSuspensionDeclaredEvent(SuspensionId.of("sus-other"), T, T.plusSeconds(300), OTHER_PROVIDER, "maintenance", T));

        assertThat(reason(token, Scope.BALANCE, T.plusSeconds(15))).isEqualTo(ValidityReason.SERVICE_SUSPENDED);
        assertThat(reason(token, Scope.BALANCE, T.plusSeconds(50))).isEqualTo(ValidityReason.VALID);
        assertThat(reason(token, Scope.BALANCE, T.plusSeconds(150))).isEqualTo(ValidityReason.SERVICE_SUSPENDED);
        assertThat(reason(token, Scope.BALANCE, T.plusSeconds(250))).isEqualTo(ValidityReason.VALID);

        facts.apply(new ServiceSuspensionLiftedEvent(SuspensionId.of("sus-late"), T.plusSeconds(120)));
        assertThat(reason(token, Scope.BALANCE, T.plusSeconds(119))).isEqualTo(ValidityReason.SERVICE_SUSPENDED);
        assertThat(reason(token, Scope.BALANCE, T.plusSeconds(120))).isEqualTo(ValidityReason.VALID);
        assertThat(reason(token, Scope.BALANCE, T.plusSeconds(15))).isEqualTo(ValidityReason.SERVICE_SUSPENDED);
    }

    @Test
    void aFoldRestoredFromItsSnapshotInJsonAnswersAsTheOriginalAndAppliesLaterEventsAlike() throws Exception {
        registerAccountAndProviders();
        TokenHash unregistered = grant("lnk-0", new ProviderId("prov-never-registered"), T, T.plusSeconds(3600));
        TokenHash kept = grant("lnk-1", PROVIDER, T, T.plusSeconds(3600));
        TokenHash revoked = grant("lnk-2", OTHER_PROVIDER, T, T.plusSeconds(3600).plusNanos(7));
        facts.apply(new LinkageRevokedAtBankEvent(LinkageId.of("lnk-2"), ACCOUNT, OTHER_PROVIDER, "fraud", T.plusSeconds(30)));
        facts.apply(new ServiceSuspensionDeclaredEvent(SuspensionId.of("sus-1"), T.plusSeconds(100), T.plusSeconds(200), PROVIDER, "maintenance", T));

        ObjectMapper json = LedgerJson.objectMapper();
        ConsentFacts restored = new ConsentFacts();
        restored.restore(json.readValue(json.writeValueAsBytes(facts.export()), ConsentFacts.Snapshot.class));

        facts.apply(new AccountSuspendedEvent(ACCOUNT, "investigation", T.plusSeconds(500)));
        restored.apply(new AccountSuspendedEvent(ACCOUNT, "investigation", T.plusSeconds(500)));
        for (TokenHash token : List.of(unregistered, kept, revoked, HASHER.hash("never-issued"))) {
            for (long second : new long[]{-1, 0, 29, 30, 99, 100, 150, 200, 3600, 3601}) {
                for (Scope scope : Scope.values()) {
                    Instant at = T.plusSeconds(second);
                    assertThat(restored.check(token, scope, at)).as("%s %s at %s", token, scope, at)
                            .isEqualTo(facts.check(token, scope, at));
                }
            }
        }
        assertThat(restored.export()).usingRecursiveComparison().ignoringCollectionOrder().isEqualTo(facts.export());
    }

    private void registerAccountAndProviders() {
        facts.apply(new ProviderRegisteredEvent(PROVIDER, "Budget app", new ProviderCredentialId("cred-1"), T));
        facts.apply(new ProviderRegisteredEvent(OTHER_PROVIDER, "Other app", new ProviderCredentialId("cred-1"), T));
        facts.apply(accountRegistered());
    }

    private static AccountRegisteredEvent accountRegistered() {
        return new AccountRegisteredEvent(ACCOUNT, new CustomerId("cust-1"), CustomerType.values()[0],
                AccountType.values()[0], false, new TermsVersionId("v1"), "idv-1", PROVIDER, T,
                Instant.MAX.minusNanos(1));
    }

    private TokenHash grant(String linkageId, ProviderId provider, Instant grantedAt, Instant expiresAt) {
        TokenHash token = HASHER.hash("token-" + linkageId);
        facts.apply(new LinkageGrantedEvent(LinkageId.of(linkageId), ACCOUNT, new CustomerId("cust-1"), provider,
                Set.of(Scope.BALANCE), List.of(), token, new TermsVersionId("v1"), grantedAt, expiresAt));
        return token;
    }

    private ValidityReason reason(TokenHash token, Scope scope, Instant at) {
        // A fresh key, as a check builds from a presented token: equality, not identity, must find it.
        return facts.check(TokenHash.of(token.value()), scope, at).reason();
    }
}
