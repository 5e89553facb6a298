package jp.consentledger.query.console;

import jp.consentledger.query.QuerySideProperties;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Times as the console shows them (the bank's offset, +09:00 unless configured) and as people type or paste
 * them. A {@code +} in a query string arrives as a space unless it was URL-encoded, so a pasted
 * {@code 2026-03-01T10:00:00+09:00} in {@code ?at=} becomes {@code 2026-03-01T10:00:00 09:00}: that space is
 * read back as the plus it was. A time without an offset is taken in the bank's offset.
 */
@Component("consoleTimes")
public class ConsoleTimes {
    private final ZoneOffset offset;
    private final DateTimeFormatter shown;
    private final DateTimeFormatter iso;

    public ConsoleTimes(QuerySideProperties properties) {
        this.offset = properties.displayZone();
        this.shown = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS xxx").withZone(this.offset);
        this.iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(this.offset);
    }

    /** For people: {@code 2026-03-01 10:00:00.000 +09:00}. */
    public String show(Instant instant) {
        return instant == null ? "" : shown.format(instant);
    }

    /** For links and form fields, and what {@link #parse} reads back: {@code 2026-03-01T10:00:00+09:00}. */
    public String iso(Instant instant) {
        return instant == null ? "" : iso.format(instant);
    }

    /** @return null for a blank field; @throws IllegalArgumentException naming the forms accepted */
    public Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String normalized = text.trim()
                .replaceFirst("^(\\d{4}-\\d{2}-\\d{2})[ T]+", "$1T")
                .replaceFirst("\\s+(\\d{2}:?\\d{2})$", "+$1")
                .replaceAll("\\s+", "");
        try {
            return OffsetDateTime.parse(normalized).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(normalized).toInstant(offset);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a time: write it as 2026-03-01T10:00:00+09:00"
                        + " (seconds, fraction and offset optional; without an offset it is taken as " + offset + ")");
            }
        }
    }
}
