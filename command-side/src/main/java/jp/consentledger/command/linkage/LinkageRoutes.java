package jp.consentledger.command.linkage;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Which account holds a linkage: commands addressed by linkage id are routed to that account. */
public interface LinkageRoutes {
    record Route(LinkageId linkageId, AccountId accountId, ProviderId providerId) {
    }

    Optional<AccountId> accountOf(LinkageId linkageId);

    Optional<ProviderId> providerOf(LinkageId linkageId);

    /** Linkages of the account neither revoked nor past their end at {@code at}. */
    List<Route> liveLinkagesOfAccount(AccountId accountId, Instant at);

    /** Linkages with the provider neither revoked nor past their end at {@code at}. */
    List<Route> liveLinkagesOfProvider(ProviderId providerId, Instant at);
}
