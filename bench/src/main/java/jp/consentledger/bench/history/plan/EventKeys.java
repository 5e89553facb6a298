package jp.consentledger.bench.history.plan;

import java.util.Arrays;

/**
 * The planned events as sortable keys: 36 bits of milliseconds since the origin, 5 bits of kind, 22 bits
 * of subject index (the provider, account, linkage, breach or window the event is about). Sorting them
 * gives one chronological stream; events of one instant follow the order of their kinds.
 */
public final class EventKeys {
    private static final int SUBJECT_BITS = 22;
    private static final int KIND_BITS = 5;
    private static final long SUBJECT_MASK = (1L << SUBJECT_BITS) - 1;
    private static final long KIND_MASK = (1L << KIND_BITS) - 1;
    public static final int MAX_SUBJECTS = (int) SUBJECT_MASK;

    // Kinds, in the order events of one instant are applied.
    public static final int TERMS_PUBLISHED = 0;
    public static final int PROVIDER_REGISTERED = 1;
    public static final int PROVIDER_SUSPENDED = 2;
    public static final int PROVIDER_REINSTATED = 3;
    public static final int ACCOUNT_REGISTERED = 4;
    public static final int REGISTRATION_RENEWED = 5;
    public static final int LINKAGE_GRANTED = 6;
    public static final int LINKAGE_AMENDED = 7;
    public static final int LINKAGE_SUSPENDED = 8;
    public static final int LINKAGE_RESUMED = 9;
    public static final int REVOCATION_REQUESTED = 10;
    public static final int REVOCATION_CONFIRMED = 11;
    public static final int REVOKED_AT_BANK = 12;
    public static final int LINKAGE_EXPIRED = 13;
    public static final int ACCOUNT_SUSPENDED = 14;
    public static final int ACCOUNT_RESUMED = 15;
    public static final int ACCOUNT_CLOSED = 16;
    public static final int BREACH_REPORTED = 17;
    public static final int DISCLOSURE_RECORDED = 18;
    public static final int BREACH_RESOLVED = 19;
    public static final int WINDOW_DECLARED = 20;
    public static final int WINDOW_LIFTED = 21;
    public static final int KINDS = WINDOW_LIFTED + 1;

    private long[] keys = new long[1 << 16];
    private int keyCount;

    void push(long ms, int kind, int subject) {
        if (keyCount == keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        keys[keyCount++] = (ms << (KIND_BITS + SUBJECT_BITS)) | ((long) kind << SUBJECT_BITS) | subject;
    }

    /** Puts the keys in chronological order. */
    public void sort() {
        Arrays.parallelSort(keys, 0, keyCount);
    }

    public int count() {
        return keyCount;
    }

    public long key(int k) {
        return keys[k];
    }

    /** Milliseconds since the history's origin. */
    public static long ms(long key) {
        return key >>> (KIND_BITS + SUBJECT_BITS);
    }

    public static int kind(long key) {
        return (int) ((key >>> SUBJECT_BITS) & KIND_MASK);
    }

    public static int subject(long key) {
        return (int) (key & SUBJECT_MASK);
    }
}
