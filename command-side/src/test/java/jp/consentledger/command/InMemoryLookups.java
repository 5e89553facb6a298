package jp.consentledger.command;

import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderTerminatedEvent;
import jp.consentledger.kernel.terms.TermsVersionPublishedEvent;
import java.util.concurrent.ConcurrentHashMap;
import jp.consentledger.command.account.AccountDirectory;
import jp.consentledger.command.linkage.LinkageRoutes;
import jp.consentledger.command.provider.ProviderDirectory;
import jp.consentledger.command.terms.TermsCatalogue;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.provider.ProviderStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The command side's lookups as plain maps, for aggregate fixtures: what the tables would answer. */
public final class InMemoryLookups implements ProviderDirectory, TermsCatalogue, AccountDirectory, LinkageRoutes {
    private final Map<ProviderId, ProviderStatus> providers = new ConcurrentHashMap<>();
    private final Map<TermsVersionId, Instant> terms = new ConcurrentHashMap<>();
    private final Set<AccountId> accounts = ConcurrentHashMap.newKeySet();
    private final Map<LinkageId, Route> routes = new ConcurrentHashMap<>();

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

    /** Follows the events as the real lookup tables do, for tests that run commands in sequence. */
    public void apply(Object event) {
        if (event instanceof ProviderRegisteredEvent e) {
            providers.put(e.providerId(), ProviderStatus.ACTIVE);
        } else if (event instanceof ProviderSuspendedEvent e) {
            providers.put(e.providerId(), ProviderStatus.SUSPENDED);
        } else if (event instanceof ProviderReinstatedEvent e) {
            providers.put(e.providerId(), ProviderStatus.ACTIVE);
        } else if (event instanceof ProviderTerminatedEvent e) {
            providers.put(e.providerId(), ProviderStatus.TERMINATED);
        } else if (event instanceof TermsVersionPublishedEvent e) {
            terms.put(e.version(), e.effectiveFrom());
        }
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
