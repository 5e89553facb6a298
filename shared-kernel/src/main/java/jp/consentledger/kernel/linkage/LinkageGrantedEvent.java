package jp.consentledger.kernel.linkage;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.token.TokenHash;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A linkage was granted (R4.2, R4.3): everything a projection needs. Only the token's keyed hash is kept; the token is valid until expiresAt (exclusive), a period from configuration recorded here. */
@Revision("1")
public record LinkageGrantedEvent(
        LinkageId linkageId,
        AccountId accountId,
        CustomerId customerId,
        ProviderId providerId,
        Set<Scope> scopes,
        List<ChainedRecipient> chainedRecipients,
        TokenHash tokenHash,
        TermsVersionId termsVersion,
        Instant grantedAt,
        Instant expiresAt
) implements LedgerEvent {
    public LinkageGrantedEvent {
        scopes = Scope.normalize(scopes); // enum order, whatever order the JSON had
    }

    @Override
    public Instant occurredAt() {
        return grantedAt;
    }
}
