package jp.consentledger.command;

import jp.consentledger.command.account.AccountDirectory;
import jp.consentledger.command.linkage.LinkageRoutes;
import jp.consentledger.command.provider.ProviderDirectory;
import jp.consentledger.command.terms.TermsCatalogue;
import jp.consentledger.kernel.common.AccountId;
import jp.consentledger.kernel.common.LinkageId;
import jp.consentledger.kernel.common.ProviderId;
import jp.consentledger.kernel.common.TermsVersionId;
import jp.consentledger.kernel.provider.ProviderStatus;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The command side's lookups as plain maps, for aggregate fixtures: what the tables would answer. */
public final class InMemoryLookups implements ProviderDirectory, TermsCatalogue, AccountDirectory, LinkageRoutes {
    private final Map<ProviderId, ProviderStatus> providers = new HashMap<>();
    private final Map<TermsVersionId, Instant> terms = new HashMap<>();
    private final Set<AccountId> accounts = new HashSet<>();
    private final Map<LinkageId, Route> routes = new HashMap<>();

    public InMemoryLookups provider(String providerId, ProviderStatus status) {
        providers.put(new ProviderId(providerId), status);
        return this;
    }

    public InMemoryLookups terms(String version, Instant effectiveFrom) {
        terms.put(new TermsVersionId(version), effectiveFrom);
        return this;
    }

    public InMemoryLookups account(String accountId) {
        accounts.add(new AccountId(accountId));
        return this;
    }

    public InMemoryLookups linkage(String linkageId, String accountId, String providerId) {
        routes.put(new LinkageId(linkageId), new Route(new LinkageId(linkageId), new AccountId(accountId),
                new ProviderId(providerId)));
        return this;
    }

    @Override
    public Optional<ProviderStatus> statusOf(ProviderId providerId) {
        return Optional.ofNullable(providers.get(providerId));
    }

    @Override
    public Optional<TermsVersionId> versionInForceAt(Instant instant) {
        return terms.entrySet().stream().filter(e -> !e.getValue().isAfter(instant))
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    @Override
    public boolean isPublished(TermsVersionId version) {
        return terms.containsKey(version);
    }

    @Override
    public boolean isRegistered(AccountId accountId) {
        return accounts.contains(accountId);
    }

    @Override
    public Optional<AccountId> accountOf(LinkageId linkageId) {
        return Optional.ofNullable(routes.get(linkageId)).map(Route::accountId);
    }

    @Override
    public Optional<ProviderId> providerOf(LinkageId linkageId) {
        return Optional.ofNullable(routes.get(linkageId)).map(Route::providerId);
    }

    /** Only the breach enforcement asks this, and it is tested against the real tables. */
    @Override
    public List<Route> liveLinkagesOfAccount(AccountId accountId, Instant at) {
        throw new UnsupportedOperationException("not asked by aggregates");
    }

    @Override
    public List<Route> liveLinkagesOfProvider(ProviderId providerId, Instant at) {
        throw new UnsupportedOperationException("not asked by aggregates");
    }
}
