package jp.consentledger.bench.history.plan;

import jp.consentledger.kernel.breach.BreachKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Every aggregate's story in a generated history, as planned by {@link HistoryPlanner}: who exists, what
 * each linkage was granted and became, and the sortable keys of all its events. Subjects are indexes;
 * their ids follow from them ({@link HistoryIds}).
 */
public final class HistoryPlan {
    static final long MS_HOUR = 3_600_000L;
    static final long MS_DAY = 24 * MS_HOUR;
    public static final long LINKAGE_VALIDITY_MS = 90 * MS_DAY;
    static final long REGISTRATION_VALIDITY_MS = 365 * MS_DAY;
    static final long HISTORY_MS = 400 * MS_DAY;
    /** Tokens expiring this close to {@code now} are left out of the sure sets: a run lasts less than this. */
    static final long SURE_MARGIN_MS = 6 * MS_HOUR;

    /** The generator is sure the token is valid for its scopes throughout a run. */
    public static final byte LIVE = 1;
    /** The generator is sure the token is invalid (revoked, expired, suspended, closed...). */
    public static final byte DEAD = 2;
    /** Expires during the hours after generation: left out of both sure sets. */
    public static final byte UNSURE = 3;

    record BreachPlan(long detectedMs, long reportedMs, int provider, int[] accounts, int[] linkages,
                      long[] disclosuresMs, long resolvedMs, BreachKind kind) {
    }

    record WindowPlan(long declaredMs, long fromMs, long untilMs, int provider, long liftedMs) {
    }

    final int wantedLinkages;
    final long originEpochMs;
    final long nowMs; // relative to the origin
    final long idSalt;
    final EventKeys keys = new EventKeys();

    final int providers;
    final List<BreachPlan> breaches = new ArrayList<>();
    final List<WindowPlan> windows = new ArrayList<>();
    final boolean[] providerActiveAtEnd;

    // Accounts
    int accounts;
    long[] registeredMs = new long[1024];
    long[] renewedMs = new long[1024];
    short[] viaProvider = new short[1024];
    byte[] accountEnd = new byte[1024]; // 0 open, 1 suspended, 2 closed

    // Linkages (one per token)
    int linkages;
    final int[] linkageAccount;
    final short[] linkageProvider;
    final long[] grantedMs;
    final byte[] initialScopes;
    final byte[] finalScopes;
    final byte[] expected; // LIVE / DEAD / UNSURE
    final String[] tokens;

    HistoryPlan(int linkages, long seed, Instant now) {
        this.wantedLinkages = linkages;
        this.originEpochMs = now.toEpochMilli() - HISTORY_MS;
        this.nowMs = HISTORY_MS;
        this.idSalt = new SplittableRandom(seed ^ 0x5DEECE66DL).nextLong();
        this.providers = Math.max(20, linkages / 5000);
        this.providerActiveAtEnd = new boolean[providers];
        this.linkageAccount = new int[linkages];
        this.linkageProvider = new short[linkages];
        this.grantedMs = new long[linkages];
        this.initialScopes = new byte[linkages];
        this.finalScopes = new byte[linkages];
        this.expected = new byte[linkages];
        this.tokens = new String[linkages];
    }

    public EventKeys keys() {
        return keys;
    }

    /** The instant of {@code ms} milliseconds since the history's origin. */
    public Instant at(long ms) {
        return Instant.ofEpochMilli(originEpochMs + ms);
    }

    /** When the history was generated: its last instant. */
    public Instant now() {
        return at(nowMs);
    }

    public long idSalt() {
        return idSalt;
    }

    public int providers() {
        return providers;
    }

    public int accounts() {
        return accounts;
    }

    public int linkages() {
        return linkages;
    }

    public int breaches() {
        return breaches.size();
    }

    public int windows() {
        return windows.size();
    }

    /** The account linkage {@code i} belongs to. */
    public int accountOf(int i) {
        return linkageAccount[i];
    }

    public String[] tokens() {
        return tokens;
    }

    /** Each linkage's LIVE, DEAD or UNSURE. */
    public byte[] expected() {
        return expected;
    }

    /** Each linkage's scopes at the end, a bit mask (1 balance, 2 transactions). */
    public byte[] finalScopes() {
        return finalScopes;
    }

    public int[] linkageAccounts() {
        return linkageAccount;
    }

    public long[] grantedAtEpochMs() {
        long[] epoch = new long[linkages];
        for (int i = 0; i < linkages; i++) {
            epoch[i] = originEpochMs + grantedMs[i];
        }
        return epoch;
    }
}
