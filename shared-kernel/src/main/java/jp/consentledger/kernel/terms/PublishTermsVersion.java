package jp.consentledger.kernel.terms;

import jp.consentledger.kernel.ids.TermsVersionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.regex.Pattern;

import static jp.consentledger.kernel.ids.Identifiers.required;
import static jp.consentledger.kernel.time.LedgerTime.requireInRange;

/** Publish a version of the terms, in force from {@code effectiveFrom} (R10, T7). */
public record PublishTermsVersion(TermsVersionId version, Instant effectiveFrom,
                                  String documentSha256, Instant publishedAt) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public PublishTermsVersion {
        required(version, "version");
        requireInRange(effectiveFrom, "effectiveFrom");
        requireInRange(publishedAt, "publishedAt");
        if (documentSha256 == null || !SHA256.matcher(documentSha256).matches()) {
            throw new IllegalArgumentException("documentSha256 must be the document's SHA-256 as 64 lowercase hex characters");
        }
    }

    /** Routed by the terms version's aggregate identifier, named here rather than left to {@code toString()}. */
    @TargetAggregateIdentifier
    public String targetAggregateIdentifier() {
        return version.aggregateIdentifier();
    }
}
