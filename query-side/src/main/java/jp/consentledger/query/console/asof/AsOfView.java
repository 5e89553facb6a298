package jp.consentledger.query.console.asof;

import jp.consentledger.validity.ConsentFacts.LinkageFacts;
import jp.consentledger.validity.ValidityReason;
import jp.consentledger.query.audit.asof.LinkageState;

import java.time.Instant;
import java.util.List;

/** A reconstructed state in the page's terms: the status, each scope's verdict, the facts a person asks about. */
public record AsOfView(String status, List<ScopeVerdict> verdicts, String termsInForce, String consentedTerms,
                Instant revocationRequestedAt, Instant revokedAt, boolean suspended, int serviceSuspensionsInForce,
                List<LinkageState.EventRef> restsOn) {

    public record ScopeVerdict(String scope, String reason, boolean valid) {
    }

    static AsOfView of(LinkageState state) {
        List<ScopeVerdict> verdicts = state.reasons().entrySet().stream()
                .map(e -> new ScopeVerdict(e.getKey().name(), e.getValue().name(), e.getValue() == ValidityReason.VALID))
                .toList();
        LinkageFacts linkage = state.linkage();
        return new AsOfView(state.status(), verdicts, state.termsVersionInForce(),
                linkage == null ? null : linkage.termsVersion().value(),
                linkage == null ? null : linkage.revocationRequestedAt(), linkage == null ? null : linkage.revokedAt(),
                linkage != null && linkage.suspended(), state.serviceSuspensionsInForce().size(), state.restsOn());
    }
}
