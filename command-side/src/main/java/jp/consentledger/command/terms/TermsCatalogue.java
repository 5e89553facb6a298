package jp.consentledger.command.terms;

import jp.consentledger.kernel.ids.TermsVersionId;

import java.time.Instant;
import java.util.Optional;

/** The published terms versions (R10, T7): which one is in force at an instant. */
public interface TermsCatalogue {
    Optional<TermsVersionId> versionInForceAt(Instant instant);

    boolean isPublished(TermsVersionId version);
}
