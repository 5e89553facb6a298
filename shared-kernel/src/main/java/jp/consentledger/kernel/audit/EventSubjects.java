package jp.consentledger.kernel.audit;

import jp.consentledger.kernel.account.AccountClosedEvent;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.account.AccountResumedEvent;
import jp.consentledger.kernel.account.AccountSuspendedEvent;
import jp.consentledger.kernel.account.RegistrationLapsedEvent;
import jp.consentledger.kernel.account.RegistrationRenewedEvent;
import jp.consentledger.kernel.breach.BreachReportedEvent;
import jp.consentledger.kernel.breach.BreachResolvedEvent;
import jp.consentledger.kernel.breach.DisclosureRecordedEvent;
import jp.consentledger.kernel.linkage.LinkageAmendedEvent;
import jp.consentledger.kernel.linkage.LinkageExpiredEvent;
import jp.consentledger.kernel.linkage.LinkageGrantRefusedEvent;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.linkage.LinkageResumedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationRequestedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.linkage.LinkageSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderCredentialRotatedEvent;
import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderTerminatedEvent;
import jp.consentledger.kernel.service.ServiceSuspensionDeclaredEvent;
import jp.consentledger.kernel.service.ServiceSuspensionLiftedEvent;
import jp.consentledger.kernel.terms.TermsVersionPublishedEvent;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The subjects of the signed subject index: which keys an event is filed under, read from the event alone
 * (so the ledger and an offline verifier agree without any other state), and which subjects an evidence
 * bundle must hold in full for its conclusion to follow.
 *
 * <p>Keys: {@code linkage:L}, {@code account:A}, {@code provider:P}, {@code service} (service-wide suspensions,
 * breaches naming nobody), {@code terms} (every terms publication), {@code suspension:S} (a suspension window
 * and its lifting), {@code breach:B} (a breach, its disclosures and resolution). A grant is filed under its
 * account too, so an account's subject lists every linkage it ever had.
 */
public final class EventSubjects {
    public static final String SERVICE = "service";
    public static final String TERMS = "terms";

    private EventSubjects() {
    }

    public static String linkage(String id) {
        return "linkage:" + id;
    }

    public static String account(String id) {
        return "account:" + id;
    }

    public static String provider(String id) {
        return "provider:" + id;
    }

    /** The keys {@code event} is filed under; empty for an event the ledger does not know. */
    public static Set<String> of(Object event) {
        Set<String> keys = new LinkedHashSet<>();
        if (event instanceof LinkageGrantedEvent e) {
            keys.add(linkage(e.linkageId().value()));
            keys.add(account(e.accountId().value()));
        } else if (event instanceof LinkageAmendedEvent e) {
            keys.add(linkage(e.linkageId().value()));
        } else if (event instanceof LinkageExpiredEvent e) {
            keys.add(linkage(e.linkageId().value()));
        } else if (event instanceof LinkageRevocationRequestedEvent e) {
            keys.add(linkage(e.linkageId().value()));
        } else if (event instanceof LinkageRevocationConfirmedEvent e) {
            keys.add(linkage(e.linkageId().value()));
        } else if (event instanceof LinkageRevokedAtBankEvent e) {
            keys.add(linkage(e.linkageId().value()));
        } else if (event instanceof LinkageSuspendedEvent e) {
            keys.add(linkage(e.linkageId().value()));
        } else if (event instanceof LinkageResumedEvent e) {
            keys.add(linkage(e.linkageId().value()));
        } else if (event instanceof LinkageGrantRefusedEvent e) {
            keys.add(account(e.accountId().value()));
        } else if (event instanceof AccountRegisteredEvent e) {
            keys.add(account(e.accountId().value()));
        } else if (event instanceof RegistrationRenewedEvent e) {
            keys.add(account(e.accountId().value()));
        } else if (event instanceof RegistrationLapsedEvent e) {
            keys.add(account(e.accountId().value()));
        } else if (event instanceof AccountClosedEvent e) {
            keys.add(account(e.accountId().value()));
        } else if (event instanceof AccountSuspendedEvent e) {
            keys.add(account(e.accountId().value()));
        } else if (event instanceof AccountResumedEvent e) {
            keys.add(account(e.accountId().value()));
        } else if (event instanceof ProviderRegisteredEvent e) {
            keys.add(provider(e.providerId().value()));
        } else if (event instanceof ProviderCredentialRotatedEvent e) {
            keys.add(provider(e.providerId().value()));
        } else if (event instanceof ProviderSuspendedEvent e) {
            keys.add(provider(e.providerId().value()));
        } else if (event instanceof ProviderReinstatedEvent e) {
            keys.add(provider(e.providerId().value()));
        } else if (event instanceof ProviderTerminatedEvent e) {
            keys.add(provider(e.providerId().value()));
        } else if (event instanceof TermsVersionPublishedEvent) {
            keys.add(TERMS);
        } else if (event instanceof ServiceSuspensionDeclaredEvent e) {
            keys.add("suspension:" + e.suspensionId().value());
            keys.add(e.providerId() == null ? SERVICE : provider(e.providerId().value()));
        } else if (event instanceof ServiceSuspensionLiftedEvent e) {
            keys.add("suspension:" + e.suspensionId().value());
        } else if (event instanceof BreachReportedEvent e) {
            keys.add("breach:" + e.breachId().value());
            e.affectedLinkageIds().forEach(id -> keys.add(linkage(id.value())));
            e.affectedAccountIds().forEach(id -> keys.add(account(id.value())));
            e.affectedProviderIds().forEach(id -> keys.add(provider(id.value())));
            if (keys.size() == 1) {
                keys.add(SERVICE);
            }
        } else if (event instanceof DisclosureRecordedEvent e) {
            keys.add("breach:" + e.breachId().value());
        } else if (event instanceof BreachResolvedEvent e) {
            keys.add("breach:" + e.breachId().value());
        }
        return keys;
    }

    /**
     * Whether a linkage's state folds {@code event}: every event but those filed under other linkages only (an
     * account's subject holds its other linkages' grants, which say nothing about this one).
     */
    public static boolean foldedFor(String linkageId, Object event) {
        Set<String> keys = of(event);
        return keys.contains(linkage(linkageId)) || keys.stream().noneMatch(k -> k.startsWith("linkage:"));
    }

    /**
     * The subjects a bundle about {@code subject} must hold in full, given the events it holds: the subject, the
     * service and the terms; a linkage's account and provider (named by its grant); an account's linkages and
     * their providers (named by the grants filed under it); every suspension window and breach any of those
     * events declares. Applied until nothing is added, it is the closure the ledger builds a bundle from and the
     * verifier demands.
     */
    public static Set<String> required(String subject, Collection<Object> eventsHeld) {
        Set<String> keys = new TreeSet<>(Set.of(subject, SERVICE, TERMS));
        for (Object event : eventsHeld) {
            if (event instanceof LinkageGrantedEvent e) {
                boolean ownLinkage = subject.equals(linkage(e.linkageId().value()));
                boolean ownAccount = subject.equals(account(e.accountId().value()));
                if (ownLinkage || ownAccount) {
                    keys.add(linkage(e.linkageId().value()));
                    keys.add(account(e.accountId().value()));
                    keys.add(provider(e.providerId().value()));
                }
            } else if (event instanceof ServiceSuspensionDeclaredEvent e) {
                keys.add("suspension:" + e.suspensionId().value());
            } else if (event instanceof BreachReportedEvent e) {
                keys.add("breach:" + e.breachId().value());
            }
        }
        return keys;
    }
}
