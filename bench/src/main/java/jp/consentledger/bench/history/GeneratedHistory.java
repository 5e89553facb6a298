package jp.consentledger.bench.history;

import jp.consentledger.bench.history.plan.HistoryIds;
import jp.consentledger.bench.history.plan.HistoryPlan;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.ids.TermsVersionId;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * What a generated history holds, and the plain tokens granted in it. The tokens live only here,
 * in memory, so that load can present valid tokens; they are never written anywhere.
 */
public final class GeneratedHistory {
    /** The generator is sure the token is valid for its scopes throughout a run. */
    public static final byte LIVE = HistoryPlan.LIVE;
    /** The generator is sure the token is invalid (revoked, expired, suspended, closed...). */
    public static final byte DEAD = HistoryPlan.DEAD;
    /** Expires during the hours after generation: left out of both sure sets. */
    public static final byte UNSURE = HistoryPlan.UNSURE;

    public record Counts(long events, int providers, int accounts, int linkages, int renewals, int amendments,
                         int revocationRequests, long revocations, int expiries, int linkageSuspensions,
                         int accountClosures, int breaches, int serviceWindows) {
    }

    private final Counts counts;
    private final Instant generatedAt;
    private final long idSalt;
    private final String[] tokens;
    private final byte[] expected;
    private final byte[] scopes;
    private final int[] accounts;
    private final long[] grantedAt;
    private final TermsVersionId currentTerms;
    private final Duration maxBackdating;
    private final int[] live;

    GeneratedHistory(Counts counts, Instant generatedAt, long idSalt, String[] tokens, byte[] expected, byte[] scopes,
                     int[] accounts, long[] grantedAt, TermsVersionId currentTerms, Duration maxBackdating) {
        this.counts = counts;
        this.generatedAt = generatedAt;
        this.idSalt = idSalt;
        this.tokens = tokens;
        this.expected = expected;
        this.scopes = scopes;
        this.accounts = accounts;
        this.grantedAt = grantedAt;
        this.currentTerms = currentTerms;
        this.maxBackdating = maxBackdating;
        int n = 0;
        for (byte e : expected) {
            n += e == LIVE ? 1 : 0;
        }
        this.live = new int[n];
        for (int i = 0, j = 0; i < expected.length; i++) {
            if (expected[i] == LIVE) {
                live[j++] = i;
            }
        }
    }

    public Counts counts() {
        return counts;
    }

    public Instant generatedAt() {
        return generatedAt;
    }

    public int linkages() {
        return tokens.length;
    }

    public String token(int i) {
        return tokens[i];
    }

    public LinkageId linkageId(int i) {
        return HistoryIds.linkageId(idSalt, i);
    }

    public String accountId(int i) {
        return HistoryIds.accountId(accounts[i]).value();
    }

    public Instant grantedAt(int i) {
        return Instant.ofEpochMilli(grantedAt[i]);
    }

    /** When the linkage's token lapses (or lapsed) unless revoked before: its grant plus the validity period. */
    public Instant expiresAt(int i) {
        return Instant.ofEpochMilli(grantedAt[i] + HistoryPlan.LINKAGE_VALIDITY_MS);
    }

    /**
     * The most an event's occurredAt precedes its recording (its position in the store follows recording
     * time): every event recorded after {@code t} occurred after {@code t} minus this.
     */
    public Duration maxBackdating() {
        return maxBackdating;
    }

    public byte expected(int i) {
        return expected[i];
    }

    public boolean grants(int i, Scope scope) {
        return (scopes[i] & (scope == Scope.BALANCE ? 1 : 2)) != 0;
    }

    /** A scope the token was granted (its first, in enum order). */
    public Scope grantedScope(int i) {
        return grants(i, Scope.BALANCE) ? Scope.BALANCE : Scope.TRANSACTIONS;
    }

    public int liveCount() {
        return live.length;
    }

    /** A linkage whose token is surely valid: what a gateway mostly sees. */
    public int randomLive(SplittableRandom random) {
        return live[random.nextInt(live.length)];
    }

    /** The terms version in force now (for registering accounts on top of this history). */
    public TermsVersionId currentTerms() {
        return currentTerms;
    }
}
