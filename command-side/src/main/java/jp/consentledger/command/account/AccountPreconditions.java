package jp.consentledger.command.account;

import jp.consentledger.command.provider.ProviderDirectory;
import jp.consentledger.command.terms.TermsCatalogue;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.refusal.Refusal;
import jp.consentledger.kernel.refusal.RefusalCode;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.provider.ProviderStatus;

import java.time.Instant;
import java.util.Optional;

/** What an account's registration and grants require of the world outside it: a sound period, the terms in force, an active provider. */
final class AccountPreconditions {
    private AccountPreconditions() {
    }

    static void requirePeriod(Instant from, Instant until) {
        if (!from.isBefore(until)) {
            throw new Refusal(RefusalCode.INVALID_PERIOD, "The validity period ends (" + until
                    + ") before it starts (" + from + "); check the configured validity.");
        }
    }

    static void requireCurrentTerms(TermsCatalogue terms, TermsVersionId version, Instant at) {
        if (!terms.isPublished(version)) {
            throw new Refusal(RefusalCode.TERMS_VERSION_UNKNOWN, "Terms version '" + version.value()
                    + "' has not been published; publish it with POST /api/v1/terms first.");
        }
        Optional<TermsVersionId> inForce = terms.versionInForceAt(at);
        if (inForce.isEmpty() || !inForce.get().equals(version)) {
            throw new Refusal(RefusalCode.TERMS_VERSION_NOT_IN_FORCE, "Terms version '" + version.value()
                    + "' is not the one in force now (" + inForce.map(TermsVersionId::value).orElse("none")
                    + "); the customer must consent to the current terms (R10, T7).");
        }
    }

    static void requireActiveProvider(ProviderDirectory providers, ProviderId providerId) {
        ProviderStatus status = providers.statusOf(providerId).orElseThrow(() -> new Refusal(RefusalCode.PROVIDER_UNKNOWN,
                "Provider '" + providerId.value() + "' is not contracted with the bank; register it first."));
        if (status != ProviderStatus.ACTIVE) {
            throw new Refusal(status == ProviderStatus.SUSPENDED ? RefusalCode.PROVIDER_SUSPENDED
                    : RefusalCode.PROVIDER_TERMINATED, "Provider '" + providerId.value() + "' is "
                    + status.name().toLowerCase() + "; it cannot register accounts now.");
        }
    }
}
