package jp.consentledger.bench.history.plan;

import jp.consentledger.kernel.account.AccountClosedEvent;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.account.AccountResumedEvent;
import jp.consentledger.kernel.account.AccountSuspendedEvent;
import jp.consentledger.kernel.account.AccountType;
import jp.consentledger.kernel.account.CustomerType;
import jp.consentledger.kernel.account.RegistrationRenewedEvent;
import jp.consentledger.kernel.breach.BreachReportedEvent;
import jp.consentledger.kernel.breach.BreachResolvedEvent;
import jp.consentledger.kernel.breach.DisclosureRecordedEvent;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.ids.SuspensionId;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.token.TokenHasher;
import jp.consentledger.kernel.linkage.LinkageAmendedEvent;
import jp.consentledger.kernel.linkage.LinkageExpiredEvent;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.linkage.LinkageResumedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationRequestedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.linkage.LinkageSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderCredentialId;
import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.kernel.service.ServiceSuspensionDeclaredEvent;
import jp.consentledger.kernel.service.ServiceSuspensionLiftedEvent;
import jp.consentledger.kernel.terms.TermsVersionPublishedEvent;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static jp.consentledger.bench.history.plan.EventKeys.*;
import static jp.consentledger.bench.history.plan.HistoryIds.accountId;
import static jp.consentledger.bench.history.plan.HistoryIds.customerId;
import static jp.consentledger.bench.history.plan.HistoryIds.providerId;
import static jp.consentledger.bench.history.plan.HistoryIds.termsVersion;
import static jp.consentledger.bench.history.plan.HistoryPlan.LINKAGE_VALIDITY_MS;
import static jp.consentledger.bench.history.plan.HistoryPlan.MS_DAY;
import static jp.consentledger.bench.history.plan.HistoryPlan.MS_HOUR;
import static jp.consentledger.bench.history.plan.HistoryPlan.REGISTRATION_VALIDITY_MS;

/**
 * The planned history's events, built one at a time from the plan, exactly as the command side would
 * have recorded them: event details that the plan does not hold are drawn from the subject's index.
 */
public final class PlannedEvents {
    private final HistoryPlan plan;
    private final TokenHasher hasher;

    public PlannedEvents(HistoryPlan plan, TokenHasher hasher) {
        this.plan = plan;
        this.hasher = hasher;
    }

    public TermsVersionPublishedEvent terms(int v, Instant publishedAt) {
        long effective = switch (v) {
            case 0 -> 0;
            case 1 -> 200 * MS_DAY;
            default -> plan.nowMs - 30 * MS_DAY;
        };
        return new TermsVersionPublishedEvent(termsVersion(v), Instant.ofEpochMilli(plan.originEpochMs + effective),
                "%064x".formatted(v + 1), publishedAt);
    }

    private TermsVersionId termsInForce(long ms) {
        return termsVersion(ms >= plan.nowMs - 30 * MS_DAY ? 2 : ms >= 200 * MS_DAY ? 1 : 0);
    }

    public Object providerEvent(int kind, int p, Instant at) {
        return switch (kind) {
            case PROVIDER_REGISTERED -> new ProviderRegisteredEvent(providerId(p), "Provider " + p + " K.K.",
                    new ProviderCredentialId("cred-" + p), at);
            case PROVIDER_SUSPENDED -> new ProviderSuspendedEvent(providerId(p), "contract review (R7.3)", at);
            default -> new ProviderReinstatedEvent(providerId(p), at);
        };
    }

    public Object accountEvent(int kind, int a, Instant at) {
        long ms = at.toEpochMilli() - plan.originEpochMs;
        return switch (kind) {
            case ACCOUNT_REGISTERED -> {
                boolean corporate = a % 10 == 9;
                int typeDraw = (int) (mix(a) % 10);
                AccountType type = typeDraw < 7 ? AccountType.ORDINARY_DEPOSIT
                        : typeDraw < 9 ? AccountType.SAVINGS_DEPOSIT : AccountType.CARD_LOAN;
                yield new AccountRegisteredEvent(accountId(a), customerId(a),
                        corporate ? CustomerType.CORPORATE : CustomerType.INDIVIDUAL, type, !corporate,
                        termsInForce(ms), "ivr-" + a, providerId(plan.viaProvider[a]), at,
                        at.plusMillis(REGISTRATION_VALIDITY_MS));
            }
            case REGISTRATION_RENEWED -> new RegistrationRenewedEvent(accountId(a), termsInForce(ms), "ivr-r-" + a, at,
                    at.plusMillis(REGISTRATION_VALIDITY_MS));
            case ACCOUNT_SUSPENDED -> new AccountSuspendedEvent(accountId(a), "suspected fraudulent use", at);
            case ACCOUNT_RESUMED -> new AccountResumedEvent(accountId(a), at);
            default -> new AccountClosedEvent(accountId(a), "customer closed the account", at);
        };
    }

    public Object linkageEvent(int kind, int i, Instant at) {
        LinkageId id = linkageId(i);
        AccountId account = accountId(plan.linkageAccount[i]);
        ProviderId provider = providerId(plan.linkageProvider[i]);
        return switch (kind) {
            case LINKAGE_GRANTED -> {
                long ms = plan.grantedMs[i];
                int a = plan.linkageAccount[i];
                long consented = plan.renewedMs[a] > 0 && ms >= plan.renewedMs[a] ? plan.renewedMs[a] : plan.registeredMs[a];
                yield new LinkageGrantedEvent(id, account, customerId(a), provider, scopes(plan.initialScopes[i]),
                        recipients(i), hasher.hash(plan.tokens[i]), termsInForce(consented), at,
                        at.plusMillis(LINKAGE_VALIDITY_MS));
            }
            case LINKAGE_AMENDED -> new LinkageAmendedEvent(id, account, provider, scopes(plan.finalScopes[i]), recipients(i), at);
            case LINKAGE_SUSPENDED -> new LinkageSuspendedEvent(id, account, provider, "customer reported a lost device", null, at);
            case LINKAGE_RESUMED -> new LinkageResumedEvent(id, account, provider, at);
            case REVOCATION_REQUESTED -> new LinkageRevocationRequestedEvent(id, account, provider,
                    at.minusMillis(mix(i) % (2 * MS_HOUR)), at);
            case REVOCATION_CONFIRMED -> new LinkageRevocationConfirmedEvent(id, account, provider, at);
            case REVOKED_AT_BANK -> new LinkageRevokedAtBankEvent(id, account, provider, "customer asked the bank", at);
            default -> new LinkageExpiredEvent(id, account, provider, at);
        };
    }

    public Object breachEvent(int kind, int b, int sequence, Instant at) {
        HistoryPlan.BreachPlan breach = plan.breaches.get(b);
        BreachId id = breachId(b);
        return switch (kind) {
            case BREACH_REPORTED -> new BreachReportedEvent(id, breach.kind(), Instant.ofEpochMilli(plan.originEpochMs + breach.detectedMs()),
                    "Provider reported " + breach.kind().name().toLowerCase().replace('_', ' ') + " affecting some customers",
                    "operator-" + (b % 7), Set.of(providerId(breach.provider())),
                    ids(breach.accounts(), HistoryIds::accountId), ids(breach.linkages(), this::linkageId), false, at);
            case DISCLOSURE_RECORDED -> new DisclosureRecordedEvent(id, "dsc-" + b + "-" + sequence, providerId(breach.provider()),
                    null, List.of("account number", "transaction history"), "R4.7", at);
            default -> new BreachResolvedEvent(id, "Cause found and fixed; affected customers informed", at);
        };
    }

    public Object windowEvent(int kind, int w, Instant at) {
        HistoryPlan.WindowPlan window = plan.windows.get(w);
        if (kind == WINDOW_LIFTED) {
            return new ServiceSuspensionLiftedEvent(suspensionId(w), at);
        }
        return new ServiceSuspensionDeclaredEvent(suspensionId(w), Instant.ofEpochMilli(plan.originEpochMs + window.fromMs()),
                Instant.ofEpochMilli(plan.originEpochMs + window.untilMs()), window.provider() < 0 ? null : providerId(window.provider()),
                "scheduled maintenance (T8)", at);
    }

    private static <T> Set<T> ids(int[] indexes, java.util.function.IntFunction<T> id) {
        Set<T> set = new LinkedHashSet<>();
        for (int index : indexes) {
            set.add(id.apply(index));
        }
        return set;
    }

    private static Set<Scope> scopes(byte mask) {
        EnumSet<Scope> set = EnumSet.noneOf(Scope.class);
        if ((mask & 1) != 0) {
            set.add(Scope.BALANCE);
        }
        if ((mask & 2) != 0) {
            set.add(Scope.TRANSACTIONS);
        }
        return set;
    }

    private List<ChainedRecipient> recipients(int i) {
        return mix(i) % 5 == 0 ? List.of(new ChainedRecipient("chain-" + plan.linkageProvider[i] + "-" + mix(i) % 3)) : List.of();
    }

    /** A reproducible per-index draw, so that event details need no stored state. */
    private long mix(long x) {
        long z = x * 0x9E3779B97F4A7C15L + plan.idSalt;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }

    private LinkageId linkageId(int i) {
        return HistoryIds.linkageId(plan.idSalt, i);
    }

    private BreachId breachId(int b) {
        return HistoryIds.breachId(plan.idSalt, b);
    }

    private SuspensionId suspensionId(int w) {
        return HistoryIds.suspensionId(plan.idSalt, w);
    }
}
