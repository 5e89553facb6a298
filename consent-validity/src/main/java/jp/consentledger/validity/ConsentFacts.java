package jp.consentledger.validity;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.ids.SuspensionId;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.linkage.LinkageStatus;
import jp.consentledger.kernel.provider.ProviderStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The facts a token check rests on, folded from events. One fold serves the live check (all
 * events, as they arrive) and the audit's "as of" (only the events up to an instant), so both
 * answer by the same rule.
 *
 * <p>One thread applies events; any number may read. Each fact is immutable and replaced whole, so a
 * reader never sees half an update. Besides the records below, the fold keeps each linkage in the form
 * {@link TokenValidityRule} reads (primitive instants, a copy of its account's facts, its provider's
 * holder), so that a check is one hash lookup and allocates nothing when the token is valid.
 */
public final class ConsentFacts {

    public record LinkageFacts(LinkageId linkageId, AccountId accountId, ProviderId providerId, TokenHash tokenHash,
                               Set<Scope> scopes, List<ChainedRecipient> chainedRecipients,
                               TermsVersionId termsVersion, Instant grantedAt, Instant expiresAt,
                               LinkageStatus status, Instant revocationRequestedAt, Instant revokedAt,
                               boolean suspended) {
        LinkageFacts with(LinkageStatus newStatus, Instant requestedAt, Instant revoked) {
            return new LinkageFacts(linkageId, accountId, providerId, tokenHash, scopes, chainedRecipients,
                    termsVersion, grantedAt, expiresAt, newStatus, requestedAt, revoked, suspended);
        }

        LinkageFacts withSuspended(boolean value) {
            return new LinkageFacts(linkageId, accountId, providerId, tokenHash, scopes, chainedRecipients,
                    termsVersion, grantedAt, expiresAt, status, revocationRequestedAt, revokedAt, value);
        }

        LinkageFacts withTerms(Set<Scope> newScopes, List<ChainedRecipient> newRecipients) {
            return new LinkageFacts(linkageId, accountId, providerId, tokenHash, newScopes, newRecipients,
                    termsVersion, grantedAt, expiresAt, status, revocationRequestedAt, revokedAt, suspended);
        }
    }

    public record AccountFacts(AccountId accountId, TermsVersionId termsVersion, Instant registrationExpiresAt,
                               boolean closed, boolean suspended) {
    }

    /** A provider's status as the fold knows it (null: named by a grant or window, never registered here). */
    public record ProviderState(ProviderId providerId, ProviderStatus status) {
    }

    /** Every fact of the fold, as immutable values: what a restored fold needs to answer exactly as this one. */
    public record Snapshot(List<LinkageFacts> linkages, List<AccountFacts> accounts, List<ProviderState> providers,
                           List<SuspensionWindow> windows) {
    }

    /** [from, until); providerId null covers every provider. */
    public record SuspensionWindow(SuspensionId suspensionId, Instant from, Instant until, ProviderId providerId) {
        public boolean covers(ProviderId provider, Instant at) {
            return (providerId == null || providerId.equals(provider)) && !at.isBefore(from) && at.isBefore(until);
        }
    }

    /**
     * The same linkages as {@code linkages}, keyed by token hash: the check's one lookup. Keyed by the hash's
     * string rather than the TokenHash around it: one object fewer to fetch from memory per check.
     */
    private final Map<String, TokenValidityRule.Linkage> linkageByToken = new ConcurrentHashMap<>();
    private final Map<LinkageId, TokenValidityRule.Linkage> linkages = new ConcurrentHashMap<>();
    /** Made when first named (by a registration or a grant). */
    private final Map<AccountId, Account> accounts = new ConcurrentHashMap<>();
    /** Holders, made when first named (by a registration, a grant or a window); their status stays null until registered. */
    private final Map<ProviderId, TokenValidityRule.Provider> providers = new ConcurrentHashMap<>();
    private final Map<SuspensionId, SuspensionWindow> windows = new ConcurrentHashMap<>();
    /** The windows as an immutable list, replaced on each change. */
    private volatile List<SuspensionWindow> windowList = List.of();
    /** The same windows in the rule's form, replaced with the list: the check iterates it without allocating. */
    private volatile TokenValidityRule.Window[] ruleWindows = {};

    /** Applies one event; events that do not bear on validity are ignored. Returns whether it bore on it. */
    public boolean apply(Object event) {
        return ValidityEvents.apply(this, event);
    }

    /** An account's facts (null until registered) and the linkages that carry a copy of them. */
    private static final class Account {
        volatile AccountFacts facts;
        /** Only the applying thread reads this. */
        final List<LinkageId> linkages = new ArrayList<>();
    }

    private Account accountEntry(AccountId accountId) {
        return accounts.computeIfAbsent(accountId, id -> new Account());
    }

    private TokenValidityRule.Provider providerHolder(ProviderId providerId) {
        return providers.computeIfAbsent(providerId, id -> new TokenValidityRule.Provider());
    }

    /** A granted linkage (or a restored one), carrying its account's facts as they stand. */
    void grant(LinkageFacts linkage) {
        Account account = accountEntry(linkage.accountId());
        account.linkages.add(linkage.linkageId());
        put(new TokenValidityRule.Linkage(linkage, account.facts, providerHolder(linkage.providerId())));
    }

    void registerAccount(AccountFacts facts) {
        accountChanged(accountEntry(facts.accountId()), facts);
    }

    void providerStatus(ProviderId providerId, ProviderStatus status) {
        providerHolder(providerId).status = status;
    }

    void declareWindow(SuspensionWindow window) {
        windows.put(window.suspensionId(), window);
        windowsChanged();
    }

    /** A lifted window ends at the lift, unless it had ended before; lifted before it began, it covers nothing. */
    void liftWindow(SuspensionId suspensionId, Instant liftedAt) {
        windows.computeIfPresent(suspensionId, (id, w) -> liftedAt.isBefore(w.until())
                ? new SuspensionWindow(id, w.from(), liftedAt.isBefore(w.from()) ? w.from() : liftedAt, w.providerId())
                : w);
        windowsChanged();
    }

    private void put(TokenValidityRule.Linkage linkage) {
        linkages.put(linkage.facts().linkageId(), linkage);
        linkageByToken.put(linkage.facts().tokenHash().value(), linkage);
    }

    void updateLinkage(LinkageId linkageId, UnaryOperator<LinkageFacts> change) {
        TokenValidityRule.Linkage current = linkages.get(linkageId);
        if (current != null) {
            put(new TokenValidityRule.Linkage(change.apply(current.facts()), accounts.get(current.facts().accountId()).facts,
                    current.provider));
        }
    }

    /** Changes a registered account; events about an account never registered (in this fold) change nothing. */
    void updateAccount(AccountId accountId, UnaryOperator<AccountFacts> change) {
        Account account = accounts.get(accountId);
        if (account != null && account.facts != null) {
            accountChanged(account, change.apply(account.facts));
        }
    }

    /** The account's facts, and the copy in each of its linkages: an account has a handful, checks are many. */
    private void accountChanged(Account account, AccountFacts facts) {
        account.facts = facts;
        for (LinkageId linkageId : account.linkages) {
            TokenValidityRule.Linkage current = linkages.get(linkageId);
            put(new TokenValidityRule.Linkage(current.facts(), facts, current.provider));
        }
    }

    private void windowsChanged() {
        windowList = List.copyOf(windows.values());
        ruleWindows = windowList.stream()
                .map(w -> new TokenValidityRule.Window(w, w.providerId() == null ? null : providerHolder(w.providerId())))
                .sorted(TokenValidityRule.Window.LATEST_END_FIRST)
                .toArray(TokenValidityRule.Window[]::new);
    }

    /** The token check: the one rule of DOMAIN.md's invariants, applied to these facts at instant {@code at}. */
    public TokenVerdict check(TokenHash tokenHash, Scope scope, Instant at) {
        TokenValidityRule.Linkage linkage = linkageByToken.get(tokenHash.value());
        ValidityReason reason = TokenValidityRule.evaluate(linkage, scope, ruleWindows, at);
        if (reason == ValidityReason.VALID) {
            return linkage.valid;
        }
        return linkage == null ? TokenVerdict.unknown() : new TokenVerdict(reason, linkage.facts());
    }

    public LinkageFacts linkage(LinkageId linkageId) {
        TokenValidityRule.Linkage linkage = linkages.get(linkageId);
        return linkage == null ? null : linkage.facts();
    }

    /** Null for an account this fold has not seen registered. */
    public AccountFacts account(AccountId accountId) {
        Account account = accounts.get(accountId);
        return account == null ? null : account.facts;
    }

    /** Null for a provider this fold has not seen registered. */
    public ProviderStatus provider(ProviderId providerId) {
        TokenValidityRule.Provider holder = providers.get(providerId);
        return holder == null ? null : holder.status;
    }

    public List<SuspensionWindow> windows() {
        return windowList;
    }

    /** Every linkage's facts: for comparing two folds (a replay against the live model). */
    public Collection<LinkageFacts> linkages() {
        return linkages.values().stream().map(TokenValidityRule.Linkage::facts).toList();
    }

    public int linkageCount() {
        return linkages.size();
    }

    /** A copy of every fact; call it from the applying thread (between events), so the copy is of one moment. */
    public Snapshot export() {
        List<LinkageFacts> linkageFacts = new ArrayList<>(linkages.size());
        for (TokenValidityRule.Linkage linkage : linkages.values()) {
            linkageFacts.add(linkage.facts());
        }
        List<AccountFacts> accountFacts = new ArrayList<>(accounts.size());
        for (Account account : accounts.values()) {
            if (account.facts != null) {
                accountFacts.add(account.facts);
            }
        }
        List<ProviderState> providerStates = new ArrayList<>(providers.size());
        providers.forEach((id, holder) -> providerStates.add(new ProviderState(id, holder.status)));
        return new Snapshot(linkageFacts, accountFacts, providerStates, List.copyOf(windows.values()));
    }

    /** Replaces every fact with the snapshot's: the fold then answers as the one exported did, and applies later events. */
    public void restore(Snapshot snapshot) {
        clear();
        for (ProviderState provider : snapshot.providers()) {
            providerHolder(provider.providerId()).status = provider.status();
        }
        for (AccountFacts account : snapshot.accounts()) {
            accountEntry(account.accountId()).facts = account;
        }
        for (SuspensionWindow window : snapshot.windows()) {
            windows.put(window.suspensionId(), window);
        }
        windowsChanged();
        for (LinkageFacts linkage : snapshot.linkages()) {
            grant(linkage);
        }
    }

    public void clear() {
        linkageByToken.clear();
        linkages.clear();
        accounts.clear();
        providers.clear();
        windows.clear();
        windowList = List.of();
        ruleWindows = new TokenValidityRule.Window[0];
    }
}
