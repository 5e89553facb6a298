package jp.consentledger.command.provider;

import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.provider.ProviderStatus;

import java.util.Optional;

/** Which providers the bank has contracted, and their standing: what other aggregates ask before acting. */
public interface ProviderDirectory {
    Optional<ProviderStatus> statusOf(ProviderId providerId);
}
