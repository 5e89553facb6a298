package jp.consentledger.validity;

import jp.consentledger.kernel.account.AccountClosedEvent;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.account.AccountResumedEvent;
import jp.consentledger.kernel.account.AccountSuspendedEvent;
import jp.consentledger.kernel.account.RegistrationRenewedEvent;
import jp.consentledger.kernel.linkage.LinkageAmendedEvent;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.linkage.LinkageResumedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationRequestedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.linkage.LinkageStatus;
import jp.consentledger.kernel.linkage.LinkageSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderStatus;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderTerminatedEvent;
import jp.consentledger.kernel.service.ServiceSuspensionDeclaredEvent;
import jp.consentledger.kernel.service.ServiceSuspensionLiftedEvent;
import jp.consentledger.validity.ConsentFacts.AccountFacts;
import jp.consentledger.validity.ConsentFacts.LinkageFacts;
import jp.consentledger.validity.ConsentFacts.SuspensionWindow;

/**
 * Which events bear on a token's validity, and what each changes in {@link ConsentFacts}: the fold's reading
 * of the ledger, kept apart from how the facts are stored for a fast check.
 */
final class ValidityEvents {
    private ValidityEvents() {
    }

    /** Applies one event to {@code facts}; events that do not bear on validity are ignored. Returns whether it bore on it. */
    static boolean apply(ConsentFacts facts, Object event) {
        if (event instanceof LinkageGrantedEvent e) {
            facts.grant(new LinkageFacts(e.linkageId(), e.accountId(), e.providerId(),
                    e.tokenHash(), e.scopes(), e.chainedRecipients(), e.termsVersion(), e.grantedAt(), e.expiresAt(),
                    LinkageStatus.ACTIVE, null, null, false));
        } else if (event instanceof LinkageRevocationRequestedEvent e) {
            facts.updateLinkage(e.linkageId(), l -> l.with(LinkageStatus.REVOCATION_REQUESTED, e.requestedAt(), null));
        } else if (event instanceof LinkageRevocationConfirmedEvent e) {
            facts.updateLinkage(e.linkageId(), l -> l.with(LinkageStatus.REVOKED, l.revocationRequestedAt(), e.confirmedAt()));
        } else if (event instanceof LinkageRevokedAtBankEvent e) {
            facts.updateLinkage(e.linkageId(), l -> l.with(LinkageStatus.REVOKED, l.revocationRequestedAt(), e.revokedAt()));
        } else if (event instanceof LinkageAmendedEvent e) {
            facts.updateLinkage(e.linkageId(), l -> l.withTerms(e.scopes(), e.chainedRecipients()));
        } else if (event instanceof LinkageSuspendedEvent e) {
            facts.updateLinkage(e.linkageId(), l -> l.withSuspended(true));
        } else if (event instanceof LinkageResumedEvent e) {
            facts.updateLinkage(e.linkageId(), l -> l.withSuspended(false));
        } else if (event instanceof AccountRegisteredEvent e) {
            facts.registerAccount(new AccountFacts(e.accountId(), e.termsVersion(), e.registrationExpiresAt(), false, false));
        } else if (event instanceof RegistrationRenewedEvent e) {
            facts.updateAccount(e.accountId(), a -> new AccountFacts(a.accountId(), e.termsVersion(), e.registrationExpiresAt(), a.closed(), a.suspended()));
        } else if (event instanceof AccountClosedEvent e) {
            facts.updateAccount(e.accountId(), a -> new AccountFacts(a.accountId(), a.termsVersion(), a.registrationExpiresAt(), true, a.suspended()));
        } else if (event instanceof AccountSuspendedEvent e) {
            facts.updateAccount(e.accountId(), a -> new AccountFacts(a.accountId(), a.termsVersion(), a.registrationExpiresAt(), a.closed(), true));
        } else if (event instanceof AccountResumedEvent e) {
            facts.updateAccount(e.accountId(), a -> new AccountFacts(a.accountId(), a.termsVersion(), a.registrationExpiresAt(), a.closed(), false));
        } else if (event instanceof ProviderRegisteredEvent e) {
            facts.providerStatus(e.providerId(), ProviderStatus.ACTIVE);
        } else if (event instanceof ProviderSuspendedEvent e) {
            facts.providerStatus(e.providerId(), ProviderStatus.SUSPENDED);
        } else if (event instanceof ProviderReinstatedEvent e) {
            facts.providerStatus(e.providerId(), ProviderStatus.ACTIVE);
        } else if (event instanceof ProviderTerminatedEvent e) {
            facts.providerStatus(e.providerId(), ProviderStatus.TERMINATED);
        } else if (event instanceof ServiceSuspensionDeclaredEvent e) {
            facts.declareWindow(new SuspensionWindow(e.suspensionId(), e.from(), e.until(), e.providerId()));
        } else if (event instanceof ServiceSuspensionLiftedEvent e) {
            facts.liftWindow(e.suspensionId(), e.liftedAt());
        } else {
            return false;
        }
        return true;
    }
}
