package jp.consentledger.query.availability;

import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.validity.ConsentFacts.SuspensionWindow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * "Unavailable until T" (R2.1, T8): when a token check answers SERVICE_SUSPENDED, the instant the
 * service is back for that provider, so a gateway can say "retry after" rather than "invalid". Windows
 * that overlap or touch are one stretch of unavailability: T is the end of the whole stretch.
 */
public record ServiceUnavailability(Instant until, long retryAfterSeconds) {

    /** Null when no window covers {@code provider} at {@code at}. */
    public static ServiceUnavailability at(List<SuspensionWindow> windows, ProviderId provider, Instant at) {
        Instant until = null;
        boolean extended = true;
        while (extended) {
            extended = false;
            Instant point = until == null ? at : until;
            for (SuspensionWindow window : windows) {
                if (window.covers(provider, point) && (until == null || window.until().isAfter(until))) {
                    until = window.until();
                    extended = true;
                }
            }
        }
        if (until == null) {
            return null;
        }
        long millis = Duration.between(at, until).toMillis();
        return new ServiceUnavailability(until, Math.max(1, (millis + 999) / 1000));
    }
}
