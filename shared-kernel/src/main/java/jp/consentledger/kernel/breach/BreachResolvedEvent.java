package jp.consentledger.kernel.breach;

import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.event.LedgerEvent;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The breach was resolved; it stays in the ledger. */
@Revision("1")
public record BreachResolvedEvent(
        BreachId breachId,
        String summary,
        Instant resolvedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return resolvedAt;
    }
}
