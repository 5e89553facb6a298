package jp.consentledger.kernel.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The instants the ledger accepts from anyone: 2000-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
 * Inside it, every instant can be stored by every supported database, shown at any display offset and
 * moved by the ledger's periods; outside it a date is a typo or an attack, never a fact about a consent.
 * Commands check every instant they carry here, in their constructors, so an out-of-range instant is
 * refused before anything is decided or recorded. Events are not checked: what was recorded stays readable.
 */
public final class LedgerTime {
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final Instant STORABLE_MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant STORABLE_MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private LedgerTime() {
    }

    /** {@code value} itself; null is refused as missing, an instant outside the range as {@link InstantOutOfRange}. */
    public static Instant requireInRange(Instant value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            throw new InstantOutOfRange(name, value);
        }
        return value;
    }

    /**
     * {@code value} as a UTC timestamp every supported database column holds (years 1 to 9999, microseconds):
     * an event's instant outside that (schema-valid, from before the bounds or written around them) is stored
     * at the nearest end, which orders and compares the same against every instant a question may name. The
     * event itself keeps its exact value. Null stays null.
     */
    public static OffsetDateTime storable(Instant value) {
        if (value == null) {
            return null;
        }
        Instant stored = value.isBefore(STORABLE_MIN) ? STORABLE_MIN : value.isAfter(STORABLE_MAX) ? STORABLE_MAX : value;
        return stored.atOffset(ZoneOffset.UTC);
    }

    /** An instant outside {@link LedgerTime}'s range, named after the field that carried it. */
    public static final class InstantOutOfRange extends IllegalArgumentException {
        private final String field;

        public InstantOutOfRange(String field, Instant value) {
            super(field + " must lie between " + EARLIEST + " and 9999-12-31T23:59:59Z (got " + value + ")");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
