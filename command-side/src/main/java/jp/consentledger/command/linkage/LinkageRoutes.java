package jp.consentledger.command.linkage;

import jp.consentledger.kernel.common.AccountId;
import jp.consentledger.kernel.common.LinkageId;
import jp.consentledger.kernel.common.ProviderId;

import java.util.Optional;

/** Which account holds a linkage: commands addressed by linkage id are routed to that account. */
public interface LinkageRoutes {
    Optional<AccountId> accountOf(LinkageId linkageId);

    Optional<ProviderId> providerOf(LinkageId linkageId);
}
