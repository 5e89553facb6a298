package jp.consentledger.query.audit;

import jp.consentledger.kernel.account.AccountClosedEvent;
import jp.consentledger.kernel.account.AccountResumedEvent;
import jp.consentledger.kernel.account.AccountSuspendedEvent;
import jp.consentledger.kernel.account.RegistrationRenewedEvent;
import jp.consentledger.kernel.breach.BreachKind;
import jp.consentledger.kernel.breach.BreachReportedEvent;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.ids.SuspensionId;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.linkage.LinkageAmendedEvent;
import jp.consentledger.kernel.linkage.LinkageResumedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationRequestedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.linkage.LinkageSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.kernel.service.ServiceSuspensionDeclaredEvent;
import jp.consentledger.kernel.service.ServiceSuspensionLiftedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A long random history over a few providers, accounts and linkages: grants, revocation requests recorded
 * late, confirmations, revocations at the bank, suspensions of every kind, amendments, renewals, closures,
 * service windows and breaches, with time moving on between them (so expiry and lapse happen too).
 */
final class RandomHistory {
    record Linkage(String id, String accountId, String providerId) {
    }

    final List<Linkage> linkages = new ArrayList<>();
    final Instant start;
    Instant end;

    private RandomHistory(Instant start) {
        this.start = start;
    }

    static RandomHistory write(TestLedger ledger, long seed, String prefix, Instant start, int steps) {
        Random random = new Random(seed);
        RandomHistory history = new RandomHistory(start);
        Instant now = start;
        String terms = prefix + "-terms";
        ledger.terms(terms, start, now);
        List<String> providers = List.of(prefix + "-p0", prefix + "-p1");
        List<String> accounts = List.of(prefix + "-a0", prefix + "-a1", prefix + "-a2");
        for (String provider : providers) {
            ledger.provider(provider, now);
        }
        for (String account : accounts) {
            ledger.account(account, terms, now, Duration.ofDays(2));
        }
        List<String> suspensions = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            now = now.plusMillis(1 + random.nextInt(90 * 60_000));
            String account = accounts.get(random.nextInt(accounts.size()));
            String provider = providers.get(random.nextInt(providers.size()));
            Linkage linkage = history.linkages.isEmpty() ? null : history.linkages.get(random.nextInt(history.linkages.size()));
            int action = random.nextInt(100);
            if (action < 18 || linkage == null) {
                String id = prefix + "-l" + history.linkages.size();
                ledger.grant(id, account, provider, random.nextBoolean() ? Set.of(Scope.BALANCE) : Set.of(Scope.BALANCE, Scope.TRANSACTIONS),
                        terms, now, Duration.ofHours(6 + random.nextInt(36)));
                history.linkages.add(new Linkage(id, account, provider));
                continue;
            }
            LinkageId l = new LinkageId(linkage.id());
            AccountId a = new AccountId(linkage.accountId());
            ProviderId p = new ProviderId(linkage.providerId());
            if (action < 30) {
                // The customer asked the provider up to an hour before the bank recorded it.
                Instant requested = now.minusMillis(random.nextInt(3_600_000));
                ledger.append("Account", a.value(), new LinkageRevocationRequestedEvent(l, a, p, requested, now), now);
            } else if (action < 38) {
                ledger.append("Account", a.value(), new LinkageRevocationConfirmedEvent(l, a, p, now), now);
            } else if (action < 42) {
                ledger.append("Account", a.value(), new LinkageRevokedAtBankEvent(l, a, p, "customer asked the bank", now), now);
            } else if (action < 50) {
                ledger.append("Account", a.value(), new LinkageSuspendedEvent(l, a, p, "review", null, now), now);
            } else if (action < 57) {
                ledger.append("Account", a.value(), new LinkageResumedEvent(l, a, p, now), now);
            } else if (action < 63) {
                ledger.append("Account", a.value(), new LinkageAmendedEvent(l, a, p,
                        random.nextBoolean() ? EnumSet.of(Scope.TRANSACTIONS) : EnumSet.allOf(Scope.class),
                        List.of(new ChainedRecipient("recipient-" + random.nextInt(3))), now), now);
            } else if (action < 68) {
                ledger.append("Account", account, new AccountSuspendedEvent(new AccountId(account), "check", now), now);
            } else if (action < 74) {
                ledger.append("Account", account, new AccountResumedEvent(new AccountId(account), now), now);
            } else if (action < 80) {
                ledger.append("Account", account, new RegistrationRenewedEvent(new AccountId(account), new TermsVersionId(terms),
                        "idv-renewal-" + step, now, now.plus(Duration.ofDays(2))), now);
            } else if (action < 82) {
                ledger.append("Account", account, new AccountClosedEvent(new AccountId(account), "closed", now), now);
            } else if (action < 87) {
                ledger.append("Provider", provider, random.nextBoolean()
                        ? new ProviderSuspendedEvent(new ProviderId(provider), "contract review", now)
                        : new ProviderReinstatedEvent(new ProviderId(provider), now), now);
            } else if (action < 93) {
                String id = prefix + "-svs" + suspensions.size();
                Instant from = now.plusMillis(random.nextInt(3_600_000));
                ledger.append("ServiceSuspension", id, new ServiceSuspensionDeclaredEvent(new SuspensionId(id), from,
                        from.plusMillis(1 + random.nextInt(7_200_000)), random.nextBoolean() ? null : new ProviderId(provider),
                        "maintenance", now), now);
                suspensions.add(id);
            } else if (action < 96 && !suspensions.isEmpty()) {
                String id = suspensions.get(random.nextInt(suspensions.size()));
                ledger.append("ServiceSuspension", id, new ServiceSuspensionLiftedEvent(new SuspensionId(id), now), now);
            } else {
                String id = prefix + "-brc" + step;
                ledger.append("Breach", id, new BreachReportedEvent(new BreachId(id), BreachKind.DATA_LEAK, now.minusSeconds(600),
                        "leak", "operator", Set.of(p), Set.of(), Set.of(l), false, now), now);
            }
        }
        history.end = now;
        return history;
    }
}
