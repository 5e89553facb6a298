package jp.consentledger.kernel.linkage;

import jp.consentledger.kernel.common.AccountId;
import jp.consentledger.kernel.common.ChainedRecipient;
import jp.consentledger.kernel.common.LedgerEvent;
import jp.consentledger.kernel.common.LinkageId;
import jp.consentledger.kernel.common.ProviderId;
import jp.consentledger.kernel.common.Scope;
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
