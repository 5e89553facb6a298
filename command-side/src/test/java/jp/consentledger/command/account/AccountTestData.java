package jp.consentledger.command.account;

import jp.consentledger.command.InMemoryLookups;
import jp.consentledger.kernel.account.AccountCommands.RegisterAccount;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.account.AccountType;
import jp.consentledger.kernel.account.CustomerType;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.linkage.LinkageCommands.GrantLinkage;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.provider.ProviderStatus;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** One account, its providers and terms, at fixed instants: what the account's fixtures start from. */
final class AccountTestData {
    static final AccountId A = new AccountId("acc-1");
    static final CustomerId C = new CustomerId("cust-1");
    static final ProviderId P = new ProviderId("prov-1");
    static final ProviderId P2 = new ProviderId("prov-2");
    static final ProviderId SUSPENDED_P = new ProviderId("prov-suspended");
    static final ProviderId TERMINATED_P = new ProviderId("prov-terminated");
    static final TermsVersionId TERMS = new TermsVersionId("2026-01");
    static final TermsVersionId NEXT_TERMS = new TermsVersionId("2026-07");
    static final Instant T0 = Instant.parse("2026-03-01T01:03:00Z");
    static final Instant NEXT_TERMS_FROM = Instant.parse("2026-07-01T00:00:00Z");
    static final Instant REG_END = T0.plus(Duration.ofDays(365));
    static final LinkageId L = new LinkageId("lnk-1");
    static final LinkageId L2 = new LinkageId("lnk-2");
    static final Instant GRANTED = T0.plusSeconds(60);
    static final Instant LINK_END = GRANTED.plus(Duration.ofDays(90));
    static final TokenHash HASH = new TokenHash("ab".repeat(32));
    static final TokenHash HASH2 = new TokenHash("cd".repeat(32));
    static final List<ChainedRecipient> RECIPIENTS = List.of(new ChainedRecipient("budget-app.example"));

    private AccountTestData() {
    }

    static FixtureConfiguration<Account> fixture() {
        FixtureConfiguration<Account> fixture = new AggregateTestFixture<>(Account.class);
        fixture.registerInjectableResource(new InMemoryLookups()
                .provider(P.value(), ProviderStatus.ACTIVE)
                .provider(P2.value(), ProviderStatus.ACTIVE)
                .provider(SUSPENDED_P.value(), ProviderStatus.SUSPENDED)
                .provider(TERMINATED_P.value(), ProviderStatus.TERMINATED)
                .terms(TERMS.value(), Instant.parse("2026-01-01T00:00:00Z"))
                .terms(NEXT_TERMS.value(), NEXT_TERMS_FROM));
        return fixture;
    }

    static RegisterAccount register() {
        return new RegisterAccount(A, C, CustomerType.INDIVIDUAL, AccountType.ORDINARY_DEPOSIT, true, TERMS,
                "ekyc-123", P, T0, REG_END);
    }

    static AccountRegisteredEvent registered() {
        return new AccountRegisteredEvent(A, C, CustomerType.INDIVIDUAL, AccountType.ORDINARY_DEPOSIT, true, TERMS,
                "ekyc-123", P, T0, REG_END);
    }

    static GrantLinkage grant() {
        return grant(L, P, GRANTED, LINK_END);
    }

    static GrantLinkage grant(LinkageId linkageId, ProviderId providerId, Instant at, Instant until) {
        return new GrantLinkage(A, linkageId, providerId, Set.of(Scope.BALANCE, Scope.TRANSACTIONS), RECIPIENTS,
                linkageId.equals(L) ? HASH : HASH2, at, until);
    }

    static LinkageGrantedEvent granted() {
        return granted(L, P, GRANTED, LINK_END);
    }

    static LinkageGrantedEvent granted(LinkageId linkageId, ProviderId providerId, Instant at, Instant until) {
        return new LinkageGrantedEvent(linkageId, A, C, providerId, Set.of(Scope.BALANCE, Scope.TRANSACTIONS),
                RECIPIENTS, linkageId.equals(L) ? HASH : HASH2, TERMS, at, until);
    }
}
