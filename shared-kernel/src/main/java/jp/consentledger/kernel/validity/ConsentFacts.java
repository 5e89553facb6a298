package jp.consentledger.kernel.validity;

import jp.consentledger.kernel.account.AccountClosedEvent;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.account.AccountResumedEvent;
import jp.consentledger.kernel.account.AccountSuspendedEvent;
import jp.consentledger.kernel.account.RegistrationRenewedEvent;
import jp.consentledger.kernel.common.AccountId;
import jp.consentledger.kernel.common.ChainedRecipient;
import jp.consentledger.kernel.common.LinkageId;
import jp.consentledger.kernel.common.ProviderId;
import jp.consentledger.kernel.common.Scope;
import jp.consentledger.kernel.common.SuspensionId;
import jp.consentledger.kernel.common.TermsVersionId;
import jp.consentledger.kernel.common.TokenHash;
import jp.consentledger.kernel.linkage.LinkageAmendedEvent;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.linkage.LinkageResumedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationRequestedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.linkage.LinkageSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderStatus;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderTerminatedEvent;
import jp.consentledger.kernel.service.ServiceSuspensionDeclaredEvent;
import jp.consentledger.kernel.service.ServiceSuspensionLiftedEvent;

import java.time.Instant;
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
 * <p>One thread applies events; any number may read. Each fact is an immutable record replaced
 * whole, so a reader never sees half an update.
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

    /** [from, until); providerId null covers every provider. */
    public record SuspensionWindow(SuspensionId suspensionId, Instant from, Instant until, ProviderId providerId) {
        public boolean covers(ProviderId provider, Instant at) {
            return (providerId == null || providerId.equals(provider)) && !at.isBefore(from) && at.isBefore(until);
        }
    }

    /** The same facts as {@code linkages}, keyed by token hash: one lookup on the hot path. */
    private final Map<TokenHash, LinkageFacts> linkageByToken = new ConcurrentHashMap<>();
    private final Map<LinkageId, LinkageFacts> linkages = new ConcurrentHashMap<>();
    private final Map<AccountId, AccountFacts> accounts = new ConcurrentHashMap<>();
    private final Map<ProviderId, ProviderStatus> providers = new ConcurrentHashMap<>();
    private final Map<SuspensionId, SuspensionWindow> windows = new ConcurrentHashMap<>();
    /** The windows as an immutable list, replaced on each change: the check iterates it without allocating. */
    private volatile List<SuspensionWindow> windowList = List.of();

    /** Applies one event; events that do not bear on validity are ignored. Returns whether it bore on it. */
    public boolean apply(Object event) {
        if (event instanceof LinkageGrantedEvent e) {
            linkages.put(e.linkageId(), new LinkageFacts(e.linkageId(), e.accountId(), e.providerId(), e.tokenHash(),
                    e.scopes(), e.chainedRecipients(), e.termsVersion(), e.grantedAt(), e.expiresAt(),
                    LinkageStatus.ACTIVE, null, null, false));
            linkageByToken.put(e.tokenHash(), linkages.get(e.linkageId()));
        } else if (event instanceof LinkageRevocationRequestedEvent e) {
            updateLinkage(e.linkageId(), l -> l.with(LinkageStatus.REVOCATION_REQUESTED, e.requestedAt(), null));
        } else if (event instanceof LinkageRevocationConfirmedEvent e) {
            updateLinkage(e.linkageId(), l -> l.with(LinkageStatus.REVOKED, l.revocationRequestedAt(), e.confirmedAt()));
        } else if (event instanceof LinkageRevokedAtBankEvent e) {
            updateLinkage(e.linkageId(), l -> l.with(LinkageStatus.REVOKED, l.revocationRequestedAt(), e.revokedAt()));
        } else if (event instanceof LinkageAmendedEvent e) {
            updateLinkage(e.linkageId(), l -> l.withTerms(e.scopes(), e.chainedRecipients()));
        } else if (event instanceof LinkageSuspendedEvent e) {
            updateLinkage(e.linkageId(), l -> l.withSuspended(true));
        } else if (event instanceof LinkageResumedEvent e) {
            updateLinkage(e.linkageId(), l -> l.withSuspended(false));
        } else if (event instanceof AccountRegisteredEvent e) {
            accounts.put(e.accountId(), new AccountFacts(e.accountId(), e.termsVersion(), e.registrationExpiresAt(), false, false));
        } else if (event instanceof RegistrationRenewedEvent e) {
            accounts.computeIfPresent(e.accountId(), (id, a) -> new AccountFacts(id, e.termsVersion(), e.registrationExpiresAt(), a.closed(), a.suspended()));
        } else if (event instanceof AccountClosedEvent e) {
            accounts.computeIfPresent(e.accountId(), (id, a) -> new AccountFacts(id, a.termsVersion(), a.registrationExpiresAt(), true, a.suspended()));
        } else if (event instanceof AccountSuspendedEvent e) {
            accounts.computeIfPresent(e.accountId(), (id, a) -> new AccountFacts(id, a.termsVersion(), a.registrationExpiresAt(), a.closed(), true));
        } else if (event instanceof AccountResumedEvent e) {
            accounts.computeIfPresent(e.accountId(), (id, a) -> new AccountFacts(id, a.termsVersion(), a.registrationExpiresAt(), a.closed(), false));
        } else if (event instanceof ProviderRegisteredEvent e) {
            providers.put(e.providerId(), ProviderStatus.ACTIVE);
        } else if (event instanceof ProviderSuspendedEvent e) {
            providers.put(e.providerId(), ProviderStatus.SUSPENDED);
        } else if (event instanceof ProviderReinstatedEvent e) {
            providers.put(e.providerId(), ProviderStatus.ACTIVE);
        } else if (event instanceof ProviderTerminatedEvent e) {
            providers.put(e.providerId(), ProviderStatus.TERMINATED);
        } else if (event instanceof ServiceSuspensionDeclaredEvent e) {
            windows.put(e.suspensionId(), new SuspensionWindow(e.suspensionId(), e.from(), e.until(), e.providerId()));
            windowList = List.copyOf(windows.values());
        } else if (event instanceof ServiceSuspensionLiftedEvent e) {
            windows.computeIfPresent(e.suspensionId(), (id, w) -> e.liftedAt().isBefore(w.until())
                    ? new SuspensionWindow(id, w.from(), e.liftedAt().isBefore(w.from()) ? w.from() : e.liftedAt(), w.providerId())
                    : w);
            windowList = List.copyOf(windows.values());
        } else {
            return false;
        }
        return true;
    }

    private void updateLinkage(LinkageId linkageId, UnaryOperator<LinkageFacts> change) {
        LinkageFacts updated = linkages.computeIfPresent(linkageId, (id, l) -> change.apply(l));
        if (updated != null) {
            linkageByToken.put(updated.tokenHash(), updated);
        }
    }

    /** The token check: the one rule of DOMAIN.md's invariants, applied to these facts at instant {@code at}. */
    public TokenVerdict check(TokenHash tokenHash, Scope scope, Instant at) {
        LinkageFacts linkage = linkageByToken.get(tokenHash);
        if (linkage == null) {
            return TokenVerdict.unknown();
        }
        ValidityReason reason = TokenValidityRule.evaluate(linkage, accounts.get(linkage.accountId()),
                providers.get(linkage.providerId()), windowList, scope, at);
        return new TokenVerdict(reason, linkage);
    }

    public LinkageFacts linkage(LinkageId linkageId) {
        return linkages.get(linkageId);
    }

    public AccountFacts account(AccountId accountId) {
        return accounts.get(accountId);
    }

    public ProviderStatus provider(ProviderId providerId) {
        return providers.get(providerId);
    }

    public List<SuspensionWindow> windows() {
        return windowList;
    }

    /** Every linkage's facts: for comparing two folds (a replay against the live model). */
    public Collection<LinkageFacts> linkages() {
        return java.util.Collections.unmodifiableCollection(linkages.values());
    }

    public int linkageCount() {
        return linkages.size();
    }

    public void clear() {
        linkageByToken.clear();
        linkages.clear();
        accounts.clear();
        providers.clear();
        windows.clear();
        windowList = List.of();
    }
}
