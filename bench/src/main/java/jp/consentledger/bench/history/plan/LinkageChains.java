package jp.consentledger.bench.history.plan;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.SplittableRandom;

import static jp.consentledger.bench.history.plan.EventKeys.*;
import static jp.consentledger.bench.history.plan.HistoryPlan.LINKAGE_VALIDITY_MS;
import static jp.consentledger.bench.history.plan.HistoryPlan.MS_DAY;
import static jp.consentledger.bench.history.plan.HistoryPlan.MS_HOUR;
import static jp.consentledger.bench.history.plan.HistoryPlan.SURE_MARGIN_MS;

/**
 * One account-provider pair's linkages: granted, sometimes amended, suspended or revoked (requested and
 * confirmed, or at the bank), expired, and granted again after a lapse; each with a fresh random token,
 * and whether the generator is sure it is valid at the end.
 */
final class LinkageChains {
    private final HistoryPlan plan;
    private final SplittableRandom random;
    private final SecureRandom tokenRandom = new SecureRandom();

    LinkageChains(HistoryPlan plan, SplittableRandom random) {
        this.plan = plan;
        this.random = random;
    }

    /** One account-provider pair: grants until revoked or not renewed; returns the time of its last event. */
    long plan(int account, int provider, long firstGrant) {
        long grant = firstGrant;
        long last = grant;
        while (plan.linkages < plan.wantedLinkages) {
            int i = plan.linkages++;
            plan.linkageAccount[i] = account;
            plan.linkageProvider[i] = (short) provider;
            plan.grantedMs[i] = grant;
            int scopeDraw = random.nextInt(10);
            byte scopes = (byte) (scopeDraw < 6 ? 3 : scopeDraw < 9 ? 1 : 2);
            plan.initialScopes[i] = scopes;
            plan.finalScopes[i] = scopes;
            plan.tokens[i] = newToken();
            plan.keys.push(grant, LINKAGE_GRANTED, i);
            long expiry = grant + LINKAGE_VALIDITY_MS;
            long end = Math.min(expiry, plan.nowMs) - 60_000;
            long cursor = grant;
            boolean suspended = false;
            boolean revoked = false;
            long next;
            if (random.nextInt(100) < 5 && (next = after(cursor, end)) > 0) {
                cursor = next;
                plan.finalScopes[i] = 3;
                plan.keys.push(cursor, LINKAGE_AMENDED, i);
            }
            if (random.nextInt(100) < 1 && (next = after(cursor, end)) > 0) {
                cursor = next;
                plan.keys.push(cursor, LINKAGE_SUSPENDED, i);
                suspended = true;
                if (random.nextBoolean() && (next = after(cursor, end)) > 0) {
                    cursor = next;
                    plan.keys.push(cursor, LINKAGE_RESUMED, i);
                    suspended = false;
                }
            }
            int revocation = random.nextInt(1000);
            if (revocation < 75 && (next = after(Math.max(cursor, grant + 3 * MS_HOUR), end)) > 0) {
                cursor = next;
                if (revocation < 15) {
                    plan.keys.push(cursor, REVOKED_AT_BANK, i);
                    revoked = true;
                } else {
                    plan.keys.push(cursor, REVOCATION_REQUESTED, i);
                    // Most requests are confirmed by the bank; the rest keep the token valid (R5.1).
                    if (revocation < 63 && (next = after(cursor, end)) > 0) {
                        cursor = next;
                        plan.keys.push(cursor, REVOCATION_CONFIRMED, i);
                        revoked = true;
                    }
                }
            }
            last = Math.max(last, cursor);
            boolean expired = expiry <= plan.nowMs;
            if (expired) {
                plan.keys.push(expiry, LINKAGE_EXPIRED, i);
                last = Math.max(last, expiry);
            }
            boolean sureLive = !revoked && !suspended && expiry > plan.nowMs + SURE_MARGIN_MS && plan.providerActiveAtEnd[provider];
            boolean sureDead = revoked || suspended || expiry <= plan.nowMs || !plan.providerActiveAtEnd[provider];
            plan.expected[i] = sureLive ? HistoryPlan.LIVE : sureDead ? HistoryPlan.DEAD : HistoryPlan.UNSURE;
            if (revoked || !expired || random.nextInt(4) == 0) {
                break;
            }
            // The customer granted the provider again after the lapse (R4.2): a new linkage, a new token.
            grant = expiry + random.nextLong(10 * MS_DAY);
            if (grant >= plan.nowMs - MS_DAY) {
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

    private String newToken() {
        byte[] bytes = new byte[32];
        tokenRandom.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
