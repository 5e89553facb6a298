package jp.consentledger.kernel.terms;

import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.TermsVersionId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A terms version was published; it applies from {@code effectiveFrom} (R10, T7). */
@Revision("1")
public record TermsVersionPublishedEvent(
        TermsVersionId version,
        Instant effectiveFrom,
        String documentSha256,
        Instant publishedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return publishedAt;
    }
}
