package jp.consentledger.kernel.breach;

import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** Customer information was given to a provider or a chained recipient while investigating a breach, on basisClause (R4.6-4.8, T3.6-3.7). */
@Revision("1")
public record DisclosureRecordedEvent(
        BreachId breachId,
        String disclosureId,
        ProviderId recipientProviderId,
        ChainedRecipient recipientChainedRecipient,
        List<String> informationItems,
        String basisClause,
        Instant disclosedAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return disclosedAt;
    }
}
