package jp.consentledger.bench.history;

import jp.consentledger.kernel.provider.ProviderCredentialId;
import jp.consentledger.kernel.account.AccountClosedEvent;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.account.AccountResumedEvent;
import jp.consentledger.kernel.account.AccountSuspendedEvent;
import jp.consentledger.kernel.account.AccountType;
import jp.consentledger.kernel.account.CustomerType;
import jp.consentledger.kernel.account.RegistrationRenewedEvent;
import jp.consentledger.kernel.breach.BreachKind;
import jp.consentledger.kernel.breach.BreachReportedEvent;
import jp.consentledger.kernel.breach.BreachResolvedEvent;
import jp.consentledger.kernel.breach.DisclosureRecordedEvent;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.ids.CustomerId;
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
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.kernel.service.ServiceSuspensionDeclaredEvent;
import jp.consentledger.kernel.service.ServiceSuspensionLiftedEvent;
import jp.consentledger.kernel.terms.TermsVersionPublishedEvent;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Builds a realistic ledger history in bulk: providers, terms versions, accounts with registrations
 * and renewals, linkages granted, amended, suspended, revoked (requested and confirmed, or at the
 * bank), expired and granted again, account suspensions and closures, breaches with disclosures,
 * and monthly service maintenance windows, over the 400 days before {@code now}.
 *
 * <p>Every aggregate's story is planned first as sortable keys (time, kind, subject); sorting them
 * gives one chronological stream, and each event is then built and handed to the sink with its
 * aggregate's next sequence number and identifier (the typed ids' {@code aggregateIdentifier()}: "account:..."),
 * exactly as the command side would have appended it. The plain
 * tokens stay in the returned {@link GeneratedHistory}, in memory only.
 */
public final class HistoryGenerator {
    private static final long MS_HOUR = 3_600_000L;
    private static final long MS_DAY = 24 * MS_HOUR;
    static final long LINKAGE_VALIDITY_MS = 90 * MS_DAY;
    static final long REGISTRATION_VALIDITY_MS = 365 * MS_DAY;
    private static final long HISTORY_MS = 400 * MS_DAY;
    /** Tokens expiring this close to {@code now} are left out of the sure sets: a run lasts less than this. */
    private static final long SURE_MARGIN_MS = 6 * MS_HOUR;

    // Sort key: 36 bits of milliseconds since the origin, 5 bits of kind, 22 bits of subject index.
    private static final int SUBJECT_BITS = 22;
    private static final int KIND_BITS = 5;
    private static final long SUBJECT_MASK = (1L << SUBJECT_BITS) - 1;
    private static final long KIND_MASK = (1L << KIND_BITS) - 1;
    public static final int MAX_LINKAGES = (int) SUBJECT_MASK;

    // Kinds, in the order events of one instant are applied.
    private static final int TERMS_PUBLISHED = 0;
    private static final int PROVIDER_REGISTERED = 1;
    private static final int PROVIDER_SUSPENDED = 2;
    private static final int PROVIDER_REINSTATED = 3;
    private static final int ACCOUNT_REGISTERED = 4;
    private static final int REGISTRATION_RENEWED = 5;
    private static final int LINKAGE_GRANTED = 6;
    private static final int LINKAGE_AMENDED = 7;
    private static final int LINKAGE_SUSPENDED = 8;
    private static final int LINKAGE_RESUMED = 9;
    private static final int REVOCATION_REQUESTED = 10;
    private static final int REVOCATION_CONFIRMED = 11;
    private static final int REVOKED_AT_BANK = 12;
    private static final int LINKAGE_EXPIRED = 13;
    private static final int ACCOUNT_SUSPENDED = 14;
    private static final int ACCOUNT_RESUMED = 15;
    private static final int ACCOUNT_CLOSED = 16;
    private static final int BREACH_REPORTED = 17;
    private static final int DISCLOSURE_RECORDED = 18;
    private static final int BREACH_RESOLVED = 19;
    private static final int WINDOW_DECLARED = 20;
    private static final int WINDOW_LIFTED = 21;

    /** The size of the history: how many linkages (tokens) are granted in it. */
    public record Shape(int linkages, long seed) {
        public Shape {
            if (linkages < 10 || linkages > MAX_LINKAGES) {
                throw new IllegalArgumentException("linkages must be between 10 and " + MAX_LINKAGES);
            }
        }
    }

    /** Where the events go: a database (see {@link JdbcEventSink}) or straight into a model. */
    public interface EventSink {
        void append(String aggregateType, String aggregateId, long sequenceNumber, Object event, Instant recordedAt);
    }

    private record BreachPlan(long detectedMs, long reportedMs, int provider, int[] accounts, int[] linkages,
                              long[] disclosuresMs, long resolvedMs, BreachKind kind) {
    }

    private record WindowPlan(long declaredMs, long fromMs, long untilMs, int provider, long liftedMs) {
    }

    private final Shape shape;
    private final TokenHasher hasher;
    private final long originEpochMs;
    private final long nowMs; // relative to the origin
    private final SplittableRandom random;
    private final SecureRandom tokenRandom = new SecureRandom();
    private final long idSalt;

    private final int providers;
    private final List<BreachPlan> breaches = new ArrayList<>();
    private final List<WindowPlan> windows = new ArrayList<>();
    private final boolean[] providerActiveAtEnd;

    // Accounts
    private int accounts;
    private long[] registeredMs = new long[1024];
    private long[] renewedMs = new long[1024];
    private short[] viaProvider = new short[1024];
    private byte[] accountEnd = new byte[1024]; // 0 open, 1 suspended, 2 closed

    // Linkages (one per token)
    private int linkages;
    private final int[] linkageAccount;
    private final short[] linkageProvider;
    private final long[] grantedMs;
    private final byte[] initialScopes;
    private final byte[] finalScopes;
    private final byte[] expected; // GeneratedHistory.LIVE / DEAD / UNSURE
    private final String[] tokens;

    private long[] keys = new long[1 << 16];
    private int keyCount;

    public HistoryGenerator(Shape shape, TokenHasher hasher, Instant now) {
        this.shape = shape;
        this.hasher = hasher;
        this.originEpochMs = now.toEpochMilli() - HISTORY_MS;
        this.nowMs = HISTORY_MS;
        this.random = new SplittableRandom(shape.seed());
        this.idSalt = new SplittableRandom(shape.seed() ^ 0x5DEECE66DL).nextLong();
        this.providers = Math.max(20, shape.linkages() / 5000);
        this.providerActiveAtEnd = new boolean[providers];
        int n = shape.linkages();
        this.linkageAccount = new int[n];
        this.linkageProvider = new short[n];
        this.grantedMs = new long[n];
        this.initialScopes = new byte[n];
        this.finalScopes = new byte[n];
        this.expected = new byte[n];
        this.tokens = new String[n];
    }

    /** Plans the whole history, then hands every event to the sink in global order. */
    public GeneratedHistory generate(EventSink target, Progress progress) {
        plan();
        // How far an event's occurredAt may precede its recording (revocations requested earlier, breaches
        // detected earlier): "as of" filters by occurredAt, so an index's horizon lies this far behind it.
        long[] backdating = new long[1];
        EventSink sink = (type, id, sequence, event, recordedAt) -> {
            if (event instanceof jp.consentledger.kernel.event.LedgerEvent e) {
                backdating[0] = Math.max(backdating[0], recordedAt.toEpochMilli() - e.occurredAt().toEpochMilli());
            }
            target.append(type, id, sequence, event, recordedAt);
        };
        Arrays.parallelSort(keys, 0, keyCount);
        progress.start("events", keyCount);
        int[] accountSeq = new int[accounts];
        int[] providerSeq = new int[providers];
        int[] breachSeq = new int[breaches.size()];
        int[] windowSeq = new int[windows.size()];
        int[] counts = new int[WINDOW_LIFTED + 1];
        for (int k = 0; k < keyCount; k++) {
            long key = keys[k];
            long ms = key >>> (KIND_BITS + SUBJECT_BITS);
            int kind = (int) ((key >>> SUBJECT_BITS) & KIND_MASK);
            int subject = (int) (key & SUBJECT_MASK);
            Instant at = Instant.ofEpochMilli(originEpochMs + ms);
            counts[kind]++;
            switch (kind) {
                case TERMS_PUBLISHED -> sink.append("TermsVersion", termsVersion(subject).aggregateIdentifier(), 0, terms(subject, at), at);
                case PROVIDER_REGISTERED, PROVIDER_SUSPENDED, PROVIDER_REINSTATED ->
                        sink.append("Provider", providerId(subject).aggregateIdentifier(), providerSeq[subject]++, providerEvent(kind, subject, at), at);
                case BREACH_REPORTED, DISCLOSURE_RECORDED, BREACH_RESOLVED ->
                        sink.append("Breach", breachId(subject).aggregateIdentifier(), breachSeq[subject]++, breachEvent(kind, subject, breachSeq[subject], at), at);
                case WINDOW_DECLARED, WINDOW_LIFTED ->
                        sink.append("ServiceSuspension", suspensionId(subject).aggregateIdentifier(), windowSeq[subject]++, windowEvent(kind, subject, at), at);
                case ACCOUNT_REGISTERED, REGISTRATION_RENEWED, ACCOUNT_SUSPENDED, ACCOUNT_RESUMED, ACCOUNT_CLOSED ->
                        sink.append("Account", accountId(subject).aggregateIdentifier(), accountSeq[subject]++, accountEvent(kind, subject, at), at);
                default -> {
                    int account = linkageAccount[subject];
                    sink.append("Account", accountId(account).aggregateIdentifier(), accountSeq[account]++, linkageEvent(kind, subject, at), at);
                }
            }
            progress.advance(1);
        }
        progress.done();
        long revoked = (long) counts[REVOCATION_CONFIRMED] + counts[REVOKED_AT_BANK];
        GeneratedHistory.Counts summary = new GeneratedHistory.Counts(keyCount, providers, accounts, linkages,
                counts[REGISTRATION_RENEWED], counts[LINKAGE_AMENDED], counts[REVOCATION_REQUESTED], revoked,
                counts[LINKAGE_EXPIRED], counts[LINKAGE_SUSPENDED], counts[ACCOUNT_CLOSED], breaches.size(),
                windows.size());
        return new GeneratedHistory(summary, Instant.ofEpochMilli(originEpochMs + nowMs), idSalt, tokens,
                expected, finalScopes, linkageAccount, grantedAtEpochMs(), termsVersion(2), Duration.ofMillis(backdating[0]));
    }

    private long[] grantedAtEpochMs() {
        long[] epoch = new long[linkages];
        for (int i = 0; i < linkages; i++) {
            epoch[i] = originEpochMs + grantedMs[i];
        }
        return epoch;
    }

    // ---- planning --------------------------------------------------------------------------------

    private void plan() {
        push(0, TERMS_PUBLISHED, 0);
        push(190 * MS_DAY, TERMS_PUBLISHED, 1);
        push(nowMs - 40 * MS_DAY, TERMS_PUBLISHED, 2);
        for (int p = 0; p < providers; p++) {
            push(MS_HOUR + p * 1000L, PROVIDER_REGISTERED, p);
            providerActiveAtEnd[p] = true;
            // A few providers were suspended by the bank in the last half day; half of them reinstated.
            if (random.nextInt(100) < 3) {
                long suspended = nowMs - 12 * MS_HOUR + random.nextLong(MS_HOUR);
                push(suspended, PROVIDER_SUSPENDED, p);
                if (random.nextBoolean()) {
                    push(suspended + 3 * MS_HOUR + random.nextLong(MS_HOUR), PROVIDER_REINSTATED, p);
                } else {
                    providerActiveAtEnd[p] = false;
                }
            }
        }
        planWindows();
        while (linkages < shape.linkages()) {
            planAccount();
        }
        int breachCount = Math.max(3, shape.linkages() / 20_000);
        for (int b = 0; b < breachCount; b++) {
            planBreach(b);
        }
    }

    /** Monthly maintenance, declared a week ahead, 02:00-04:00; some for one provider, one lifted early. */
    private void planWindows() {
        for (int m = 0; m < 12; m++) {
            // 02:00-04:00 in Japan is 17:00-19:00 UTC the day before.
            long dayStart = nowMs - Math.floorMod(originEpochMs + nowMs, MS_DAY);
            long from = dayStart - (m + 1) * 30 * MS_DAY + 17 * MS_HOUR;
            long until = from + 2 * MS_HOUR;
            int provider = m % 5 == 4 ? random.nextInt(providers) : -1;
            long lifted = m == 3 ? from + MS_HOUR : -1;
            int w = windows.size();
            windows.add(new WindowPlan(from - 7 * MS_DAY, from, until, provider, lifted));
            push(from - 7 * MS_DAY, WINDOW_DECLARED, w);
            if (lifted >= 0) {
                push(lifted, WINDOW_LIFTED, w);
            }
        }
    }

    private void planAccount() {
        int a = accounts++;
        if (a >= registeredMs.length) {
            int size = registeredMs.length * 2;
            registeredMs = Arrays.copyOf(registeredMs, size);
            renewedMs = Arrays.copyOf(renewedMs, size);
            viaProvider = Arrays.copyOf(viaProvider, size);
            accountEnd = Arrays.copyOf(accountEnd, size);
        }
        long registered = MS_DAY + random.nextLong(nowMs - 61 * MS_DAY);
        registeredMs[a] = registered;
        push(registered, ACCOUNT_REGISTERED, a);
        long last = registered;
        // A registration would lapse within the run: it was renewed before it did (R4.1).
        if (nowMs - registered > 330 * MS_DAY) {
            long latest = Math.min(360 * MS_DAY, nowMs - registered - MS_HOUR);
            long renewed = registered + 300 * MS_DAY + random.nextLong(latest - 300 * MS_DAY);
            renewedMs[a] = renewed;
            push(renewed, REGISTRATION_RENEWED, a);
            last = renewed;
        }
        int pairs = 1 + random.nextInt(3);
        int[] chosen = distinctProviders(pairs);
        viaProvider[a] = (short) chosen[0];
        for (int provider : chosen) {
            if (linkages >= shape.linkages()) {
                break;
            }
            long first = registered + MS_HOUR + random.nextLong(Math.max(1, nowMs - MS_DAY - registered - MS_HOUR));
            last = Math.max(last, planLinkageChain(a, provider, first));
        }
        boolean sure = true;
        // Rarely, the account itself was suspended (sometimes resumed) or closed, after everything else.
        int fate = random.nextInt(1000);
        if (fate < 8 && last < nowMs - 2 * MS_HOUR) {
            long at = last + 1 + random.nextLong(nowMs - MS_HOUR - last);
            if (fate < 5) {
                push(at, ACCOUNT_CLOSED, a);
                accountEnd[a] = 2;
            } else {
                push(at, ACCOUNT_SUSPENDED, a);
                accountEnd[a] = 1;
                if (fate == 7 && at < nowMs - 2 * MS_HOUR) {
                    push(at + 1 + random.nextLong(nowMs - MS_HOUR - at), ACCOUNT_RESUMED, a);
                    accountEnd[a] = 0;
                }
            }
        }
        if (accountEnd[a] != 0) {
            for (int i = linkages - 1; i >= 0 && linkageAccount[i] == a; i--) {
                if (expected[i] == GeneratedHistory.LIVE) {
                    expected[i] = GeneratedHistory.DEAD;
                }
            }
        }
    }

    private int[] distinctProviders(int count) {
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            int p;
            boolean fresh;
            do {
                // Skewed: a few large providers (household-budget apps) hold most linkages.
                p = random.nextInt(4) == 0 ? random.nextInt(providers) : random.nextInt(Math.max(1, providers / 10));
                fresh = true;
                for (int j = 0; j < i; j++) {
                    fresh &= chosen[j] != p;
                }
            } while (!fresh);
            chosen[i] = p;
        }
        return chosen;
    }

    /** One account-provider pair: grants until revoked or not renewed; returns the time of its last event. */
    private long planLinkageChain(int account, int provider, long firstGrant) {
        long grant = firstGrant;
        long last = grant;
        while (linkages < shape.linkages()) {
            int i = linkages++;
            linkageAccount[i] = account;
            linkageProvider[i] = (short) provider;
            grantedMs[i] = grant;
            int scopeDraw = random.nextInt(10);
            byte scopes = (byte) (scopeDraw < 6 ? 3 : scopeDraw < 9 ? 1 : 2);
            initialScopes[i] = scopes;
            finalScopes[i] = scopes;
            tokens[i] = newToken();
            push(grant, LINKAGE_GRANTED, i);
            long expiry = grant + LINKAGE_VALIDITY_MS;
            long end = Math.min(expiry, nowMs) - 60_000;
            long cursor = grant;
            boolean suspended = false;
            boolean revoked = false;
            long next;
            if (random.nextInt(100) < 5 && (next = after(cursor, end)) > 0) {
                cursor = next;
                finalScopes[i] = 3;
                push(cursor, LINKAGE_AMENDED, i);
            }
            if (random.nextInt(100) < 1 && (next = after(cursor, end)) > 0) {
                cursor = next;
                push(cursor, LINKAGE_SUSPENDED, i);
                suspended = true;
                if (random.nextBoolean() && (next = after(cursor, end)) > 0) {
                    cursor = next;
                    push(cursor, LINKAGE_RESUMED, i);
                    suspended = false;
                }
            }
            int revocation = random.nextInt(1000);
            if (revocation < 75 && (next = after(Math.max(cursor, grant + 3 * MS_HOUR), end)) > 0) {
                cursor = next;
                if (revocation < 15) {
                    push(cursor, REVOKED_AT_BANK, i);
                    revoked = true;
                } else {
                    push(cursor, REVOCATION_REQUESTED, i);
                    // Most requests are confirmed by the bank; the rest keep the token valid (R5.1).
                    if (revocation < 63 && (next = after(cursor, end)) > 0) {
                        cursor = next;
                        push(cursor, REVOCATION_CONFIRMED, i);
                        revoked = true;
                    }
                }
            }
            last = Math.max(last, cursor);
            boolean expired = expiry <= nowMs;
            if (expired) {
                push(expiry, LINKAGE_EXPIRED, i);
                last = Math.max(last, expiry);
            }
            boolean sureLive = !revoked && !suspended && expiry > nowMs + SURE_MARGIN_MS && providerActiveAtEnd[provider];
            boolean sureDead = revoked || suspended || expiry <= nowMs || !providerActiveAtEnd[provider];
            expected[i] = sureLive ? GeneratedHistory.LIVE : sureDead ? GeneratedHistory.DEAD : GeneratedHistory.UNSURE;
            if (revoked || !expired || random.nextInt(4) == 0) {
                break;
            }
            // The customer granted the provider again after the lapse (R4.2): a new linkage, a new token.
            grant = expiry + random.nextLong(10 * MS_DAY);
            if (grant >= nowMs - MS_DAY) {
                break;
            }
        }
        return last;
    }

    /** A time strictly after {@code from} and before {@code end}, or -1 when there is no room. */
    private long after(long from, long end) {
        if (from < 0 || end - from < 2 * MS_HOUR) {
            return -1;
        }
        return from + MS_HOUR + random.nextLong((end - from - MS_HOUR) / 3 + 1);
    }

    private void planBreach(int b) {
        long detected = 30 * MS_DAY + random.nextLong(nowMs - 32 * MS_DAY);
        long reported = detected + 600_000 + random.nextLong(MS_DAY);
        List<Integer> affected = new ArrayList<>();
        for (int tries = 0; tries < 40 && affected.size() < 1 + b % 5; tries++) {
            int i = random.nextInt(linkages);
            if (grantedMs[i] < detected) {
                affected.add(i);
            }
        }
        int[] affectedLinkages = affected.stream().mapToInt(Integer::intValue).toArray();
        int[] affectedAccounts = Arrays.stream(affectedLinkages).map(i -> linkageAccount[i]).distinct().toArray();
        int provider = affectedLinkages.length > 0 ? linkageProvider[affectedLinkages[0]] : random.nextInt(providers);
        int disclosures = random.nextInt(3);
        long[] disclosed = new long[disclosures];
        for (int d = 0; d < disclosures; d++) {
            disclosed[d] = Math.min(nowMs - MS_HOUR, reported + MS_HOUR * (d + 1) + random.nextLong(MS_DAY));
            push(disclosed[d], DISCLOSURE_RECORDED, b);
        }
        long resolved = reported + 3 * MS_DAY + random.nextLong(27 * MS_DAY);
        if (random.nextInt(10) < 7 && resolved < nowMs - MS_HOUR) {
            push(resolved, BREACH_RESOLVED, b);
        } else {
            resolved = -1;
        }
        BreachKind kind = BreachKind.values()[b % BreachKind.values().length];
        breaches.add(new BreachPlan(detected, reported, provider, affectedAccounts, affectedLinkages, disclosed, resolved, kind));
        push(reported, BREACH_REPORTED, b);
    }

    private void push(long ms, int kind, int subject) {
        if (keyCount == keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        keys[keyCount++] = (ms << (KIND_BITS + SUBJECT_BITS)) | ((long) kind << SUBJECT_BITS) | subject;
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        tokenRandom.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // ---- events ----------------------------------------------------------------------------------

    private TermsVersionPublishedEvent terms(int v, Instant publishedAt) {
        long effective = switch (v) {
            case 0 -> 0;
            case 1 -> 200 * MS_DAY;
            default -> nowMs - 30 * MS_DAY;
        };
        return new TermsVersionPublishedEvent(termsVersion(v), Instant.ofEpochMilli(originEpochMs + effective),
                "%064x".formatted(v + 1), publishedAt);
    }

    private TermsVersionId termsInForce(long ms) {
        return termsVersion(ms >= nowMs - 30 * MS_DAY ? 2 : ms >= 200 * MS_DAY ? 1 : 0);
    }

    private Object providerEvent(int kind, int p, Instant at) {
        return switch (kind) {
            case PROVIDER_REGISTERED -> new ProviderRegisteredEvent(providerId(p), "Provider " + p + " K.K.",
                    new ProviderCredentialId("cred-" + p), at);
            case PROVIDER_SUSPENDED -> new ProviderSuspendedEvent(providerId(p), "contract review (R7.3)", at);
            default -> new ProviderReinstatedEvent(providerId(p), at);
        };
    }

    private Object accountEvent(int kind, int a, Instant at) {
        long ms = at.toEpochMilli() - originEpochMs;
        return switch (kind) {
            case ACCOUNT_REGISTERED -> {
                boolean corporate = a % 10 == 9;
                int typeDraw = (int) (mix(a) % 10);
                AccountType type = typeDraw < 7 ? AccountType.ORDINARY_DEPOSIT
                        : typeDraw < 9 ? AccountType.SAVINGS_DEPOSIT : AccountType.CARD_LOAN;
                yield new AccountRegisteredEvent(accountId(a), customerId(a),
                        corporate ? CustomerType.CORPORATE : CustomerType.INDIVIDUAL, type, !corporate,
                        termsInForce(ms), "ivr-" + a, providerId(viaProvider[a]), at,
                        at.plusMillis(REGISTRATION_VALIDITY_MS));
            }
            case REGISTRATION_RENEWED -> new RegistrationRenewedEvent(accountId(a), termsInForce(ms), "ivr-r-" + a, at,
                    at.plusMillis(REGISTRATION_VALIDITY_MS));
            case ACCOUNT_SUSPENDED -> new AccountSuspendedEvent(accountId(a), "suspected fraudulent use", at);
            case ACCOUNT_RESUMED -> new AccountResumedEvent(accountId(a), at);
            default -> new AccountClosedEvent(accountId(a), "customer closed the account", at);
        };
    }

    private Object linkageEvent(int kind, int i, Instant at) {
        LinkageId id = linkageId(i);
        AccountId account = accountId(linkageAccount[i]);
        ProviderId provider = providerId(linkageProvider[i]);
        return switch (kind) {
            case LINKAGE_GRANTED -> {
                long ms = grantedMs[i];
                int a = linkageAccount[i];
                long consented = renewedMs[a] > 0 && ms >= renewedMs[a] ? renewedMs[a] : registeredMs[a];
                yield new LinkageGrantedEvent(id, account, customerId(a), provider, scopes(initialScopes[i]),
                        recipients(i), hasher.hash(tokens[i]), termsInForce(consented), at,
                        at.plusMillis(LINKAGE_VALIDITY_MS));
            }
            case LINKAGE_AMENDED -> new LinkageAmendedEvent(id, account, provider, scopes(finalScopes[i]), recipients(i), at);
            case LINKAGE_SUSPENDED -> new LinkageSuspendedEvent(id, account, provider, "customer reported a lost device", null, at);
            case LINKAGE_RESUMED -> new LinkageResumedEvent(id, account, provider, at);
            case REVOCATION_REQUESTED -> new LinkageRevocationRequestedEvent(id, account, provider,
                    at.minusMillis(mix(i) % (2 * MS_HOUR)), at);
            case REVOCATION_CONFIRMED -> new LinkageRevocationConfirmedEvent(id, account, provider, at);
            case REVOKED_AT_BANK -> new LinkageRevokedAtBankEvent(id, account, provider, "customer asked the bank", at);
            default -> new LinkageExpiredEvent(id, account, provider, at);
        };
    }

    private Object breachEvent(int kind, int b, int sequence, Instant at) {
        BreachPlan plan = breaches.get(b);
        BreachId id = breachId(b);
        return switch (kind) {
            case BREACH_REPORTED -> new BreachReportedEvent(id, plan.kind(), Instant.ofEpochMilli(originEpochMs + plan.detectedMs()),
                    "Provider reported " + plan.kind().name().toLowerCase().replace('_', ' ') + " affecting some customers",
                    "operator-" + (b % 7), Set.of(providerId(plan.provider())),
                    ids(plan.accounts(), HistoryGenerator::accountId), ids(plan.linkages(), this::linkageId), false, at);
            case DISCLOSURE_RECORDED -> new DisclosureRecordedEvent(id, "dsc-" + b + "-" + sequence, providerId(plan.provider()),
                    null, List.of("account number", "transaction history"), "R4.7", at);
            default -> new BreachResolvedEvent(id, "Cause found and fixed; affected customers informed", at);
        };
    }

    private Object windowEvent(int kind, int w, Instant at) {
        WindowPlan plan = windows.get(w);
        if (kind == WINDOW_LIFTED) {
            return new ServiceSuspensionLiftedEvent(suspensionId(w), at);
        }
        return new ServiceSuspensionDeclaredEvent(suspensionId(w), Instant.ofEpochMilli(originEpochMs + plan.fromMs()),
                Instant.ofEpochMilli(originEpochMs + plan.untilMs()), plan.provider() < 0 ? null : providerId(plan.provider()),
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
        return mix(i) % 5 == 0 ? List.of(new ChainedRecipient("chain-" + linkageProvider[i] + "-" + mix(i) % 3)) : List.of();
    }

    /** A reproducible per-index draw, so that event details need no stored state. */
    private long mix(long x) {
        long z = x * 0x9E3779B97F4A7C15L + idSalt;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }

    // ---- identifiers -----------------------------------------------------------------------------

    static AccountId accountId(int a) {
        return new AccountId("acc-" + a);
    }

    static CustomerId customerId(int a) {
        return new CustomerId("cus-" + a);
    }

    static ProviderId providerId(int p) {
        return new ProviderId("prv-" + p);
    }

    static TermsVersionId termsVersion(int v) {
        return new TermsVersionId("bench-terms-" + (v + 1));
    }

    LinkageId linkageId(int i) {
        return GeneratedHistory.linkageId(idSalt, i);
    }

    private BreachId breachId(int b) {
        return BreachId.newId(new UUID(idSalt ^ 0xB4EAC4L, b));
    }

    private SuspensionId suspensionId(int w) {
        return SuspensionId.newId(new UUID(idSalt ^ 0x5055E4DL, w));
    }

    static Duration linkageValidity() {
        return Duration.ofMillis(LINKAGE_VALIDITY_MS);
    }
}
