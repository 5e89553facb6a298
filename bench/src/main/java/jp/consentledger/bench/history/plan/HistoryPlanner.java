package jp.consentledger.bench.history.plan;

import jp.consentledger.kernel.breach.BreachKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static jp.consentledger.bench.history.plan.EventKeys.*;
import static jp.consentledger.bench.history.plan.HistoryPlan.MS_DAY;
import static jp.consentledger.bench.history.plan.HistoryPlan.MS_HOUR;

/**
 * Plans a realistic ledger history over the 400 days before {@code now}: terms versions, providers (a few
 * suspended lately), monthly service maintenance windows, accounts with registrations and renewals, each
 * with linkages to one to three providers ({@link LinkageChains}), account suspensions and closures, and
 * breaches with disclosures. One seeded random source, drawn in a fixed order: the same seed plans the
 * same history.
 */
public final class HistoryPlanner {
    private final HistoryPlan plan;
    private final SplittableRandom random;
    private final LinkageChains chains;

    private HistoryPlanner(int linkages, long seed, Instant now) {
        this.plan = new HistoryPlan(linkages, seed, now);
        this.random = new SplittableRandom(seed);
        this.chains = new LinkageChains(plan, random);
    }

    /** The history of {@code linkages} tokens drawn from {@code seed}, ending at {@code now}. */
    public static HistoryPlan plan(int linkages, long seed, Instant now) {
        HistoryPlanner planner = new HistoryPlanner(linkages, seed, now);
        planner.planEverything();
        return planner.plan;
    }

    private void planEverything() {
        plan.keys.push(0, TERMS_PUBLISHED, 0);
        plan.keys.push(190 * MS_DAY, TERMS_PUBLISHED, 1);
        plan.keys.push(plan.nowMs - 40 * MS_DAY, TERMS_PUBLISHED, 2);
        for (int p = 0; p < plan.providers; p++) {
            plan.keys.push(MS_HOUR + p * 1000L, PROVIDER_REGISTERED, p);
            plan.providerActiveAtEnd[p] = true;
            // A few providers were suspended by the bank in the last half day; half of them reinstated.
            if (random.nextInt(100) < 3) {
                long suspended = plan.nowMs - 12 * MS_HOUR + random.nextLong(MS_HOUR);
                plan.keys.push(suspended, PROVIDER_SUSPENDED, p);
                if (random.nextBoolean()) {
                    plan.keys.push(suspended + 3 * MS_HOUR + random.nextLong(MS_HOUR), PROVIDER_REINSTATED, p);
                } else {
                    plan.providerActiveAtEnd[p] = false;
                }
            }
        }
        planWindows();
        while (plan.linkages < plan.wantedLinkages) {
            planAccount();
        }
        int breachCount = Math.max(3, plan.wantedLinkages / 20_000);
        for (int b = 0; b < breachCount; b++) {
            planBreach(b);
        }
    }

    /** Monthly maintenance, declared a week ahead, 02:00-04:00; some for one provider, one lifted early. */
    private void planWindows() {
        for (int m = 0; m < 12; m++) {
            // 02:00-04:00 in Japan is 17:00-19:00 UTC the day before.
            long dayStart = plan.nowMs - Math.floorMod(plan.originEpochMs + plan.nowMs, MS_DAY);
            long from = dayStart - (m + 1) * 30 * MS_DAY + 17 * MS_HOUR;
            long until = from + 2 * MS_HOUR;
            int provider = m % 5 == 4 ? random.nextInt(plan.providers) : -1;
            long lifted = m == 3 ? from + MS_HOUR : -1;
            int w = plan.windows.size();
            plan.windows.add(new HistoryPlan.WindowPlan(from - 7 * MS_DAY, from, until, provider, lifted));
            plan.keys.push(from - 7 * MS_DAY, WINDOW_DECLARED, w);
            if (lifted >= 0) {
                plan.keys.push(lifted, WINDOW_LIFTED, w);
            }
        }
    }

    private void planAccount() {
        int a = plan.accounts++;
        if (a >= plan.registeredMs.length) {
            int size = plan.registeredMs.length * 2;
            plan.registeredMs = Arrays.copyOf(plan.registeredMs, size);
            plan.renewedMs = Arrays.copyOf(plan.renewedMs, size);
            plan.viaProvider = Arrays.copyOf(plan.viaProvider, size);
            plan.accountEnd = Arrays.copyOf(plan.accountEnd, size);
        }
        long registered = MS_DAY + random.nextLong(plan.nowMs - 61 * MS_DAY);
        plan.registeredMs[a] = registered;
        plan.keys.push(registered, ACCOUNT_REGISTERED, a);
        long last = registered;
        // A registration would lapse within the run: it was renewed before it did (R4.1).
        if (plan.nowMs - registered > 330 * MS_DAY) {
            long latest = Math.min(360 * MS_DAY, plan.nowMs - registered - MS_HOUR);
            long renewed = registered + 300 * MS_DAY + random.nextLong(latest - 300 * MS_DAY);
            plan.renewedMs[a] = renewed;
            plan.keys.push(renewed, REGISTRATION_RENEWED, a);
            last = renewed;
        }
        int pairs = 1 + random.nextInt(3);
        int[] chosen = distinctProviders(pairs);
        plan.viaProvider[a] = (short) chosen[0];
        for (int provider : chosen) {
            if (plan.linkages >= plan.wantedLinkages) {
                break;
            }
            long first = registered + MS_HOUR + random.nextLong(Math.max(1, plan.nowMs - MS_DAY - registered - MS_HOUR));
            last = Math.max(last, chains.plan(a, provider, first));
        }
        boolean sure = true;
        // Rarely, the account itself was suspended (sometimes resumed) or closed, after everything else.
        int fate = random.nextInt(1000);
        if (fate < 8 && last < plan.nowMs - 2 * MS_HOUR) {
            long at = last + 1 + random.nextLong(plan.nowMs - MS_HOUR - last);
            if (fate < 5) {
                plan.keys.push(at, ACCOUNT_CLOSED, a);
                plan.accountEnd[a] = 2;
            } else {
                plan.keys.push(at, ACCOUNT_SUSPENDED, a);
                plan.accountEnd[a] = 1;
                if (fate == 7 && at < plan.nowMs - 2 * MS_HOUR) {
                    plan.keys.push(at + 1 + random.nextLong(plan.nowMs - MS_HOUR - at), ACCOUNT_RESUMED, a);
                    plan.accountEnd[a] = 0;
                }
            }
        }
        if (plan.accountEnd[a] != 0) {
            for (int i = plan.linkages - 1; i >= 0 && plan.linkageAccount[i] == a; i--) {
                if (plan.expected[i] == HistoryPlan.LIVE) {
                    plan.expected[i] = HistoryPlan.DEAD;
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
                p = random.nextInt(4) == 0 ? random.nextInt(plan.providers) : random.nextInt(Math.max(1, plan.providers / 10));
                fresh = true;
                for (int j = 0; j < i; j++) {
                    fresh &= chosen[j] != p;
                }
            } while (!fresh);
            chosen[i] = p;
        }
        return chosen;
    }

    private void planBreach(int b) {
        long detected = 30 * MS_DAY + random.nextLong(plan.nowMs - 32 * MS_DAY);
        long reported = detected + 600_000 + random.nextLong(MS_DAY);
        List<Integer> affected = new ArrayList<>();
        for (int tries = 0; tries < 40 && affected.size() < 1 + b % 5; tries++) {
            int i = random.nextInt(plan.linkages);
            if (plan.grantedMs[i] < detected) {
                affected.add(i);
            }
        }
        int[] affectedLinkages = affected.stream().mapToInt(Integer::intValue).toArray();
        int[] affectedAccounts = Arrays.stream(affectedLinkages).map(i -> plan.linkageAccount[i]).distinct().toArray();
        int provider = affectedLinkages.length > 0 ? plan.linkageProvider[affectedLinkages[0]] : random.nextInt(plan.providers);
        int disclosures = random.nextInt(3);
        long[] disclosed = new long[disclosures];
        for (int d = 0; d < disclosures; d++) {
            disclosed[d] = Math.min(plan.nowMs - MS_HOUR, reported + MS_HOUR * (d + 1) + random.nextLong(MS_DAY));
            plan.keys.push(disclosed[d], DISCLOSURE_RECORDED, b);
        }
        long resolved = reported + 3 * MS_DAY + random.nextLong(27 * MS_DAY);
        if (random.nextInt(10) < 7 && resolved < plan.nowMs - MS_HOUR) {
            plan.keys.push(resolved, BREACH_RESOLVED, b);
        } else {
            resolved = -1;
        }
        BreachKind kind = BreachKind.values()[b % BreachKind.values().length];
        plan.breaches.add(new HistoryPlan.BreachPlan(detected, reported, provider, affectedAccounts, affectedLinkages, disclosed, resolved, kind));
        plan.keys.push(reported, BREACH_REPORTED, b);
    }
}
