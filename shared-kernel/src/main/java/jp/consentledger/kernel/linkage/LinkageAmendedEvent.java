package jp.consentledger.kernel.linkage;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The linkage's scopes or chained recipients changed; it keeps its token. Carries the full new values. */
@Revision("1")
public record LinkageAmendedEvent(
        LinkageId linkageId,
        AccountId accountId,
        ProviderId providerId,
        Set<Scope> scopes,
        List<ChainedRecipient> chainedRecipients,
        Instant amendedAt
) implements LedgerEvent {
    public LinkageAmendedEvent {
        scopes = Scope.normalize(scopes); // enum order, whatever order the JSON had
    }

    @Override
    public Instant occurredAt() {
        return amendedAt;
    }
}
