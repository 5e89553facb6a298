package jp.consentledger.query.replay;

import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.validity.ConsentFacts;
import jp.consentledger.validity.TokenVerdict;
import jp.consentledger.query.replay.ReadModelComparison.Difference;
import jp.consentledger.query.tokencheck.TokenValidityModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Compares a rebuilt token-validity fold with the live in-memory model, linkage by linkage and scope by scope. */
public final class TokenValidityComparison {
    private static final int SAMPLES = 5;

    private TokenValidityComparison() {
    }

    /** Linkage by linkage: the same facts, and the same answer for each scope now. */
    public static Optional<Difference> difference(ConsentFacts rebuilt, TokenValidityModel tokenValidity,
                                                                      Instant now) {
        List<String> liveOnly = new ArrayList<>();
        List<String> rebuiltOnly = new ArrayList<>();
        for (ConsentFacts.LinkageFacts linkage : rebuilt.linkages().stream()
                .sorted(Comparator.comparing(l -> l.linkageId().value())).toList()) {
            for (Scope scope : Scope.values()) {
                TokenVerdict expected = rebuilt.check(linkage.tokenHash(), scope, now);
                TokenVerdict actual = tokenValidity.check(linkage.tokenHash(), scope, now);
                if (expected.reason() != actual.reason() || !Objects.equals(expected.linkage(), actual.linkage())) {
                    liveOnly.add(linkage.linkageId() + " " + scope + ": " + actual.reason() + " " + actual.linkage());
                    rebuiltOnly.add(linkage.linkageId() + " " + scope + ": " + expected.reason() + " " + expected.linkage());
                }
            }
        }
        int extraLive = Math.max(0, tokenValidity.linkageCount() - rebuilt.linkageCount());
        if (liveOnly.isEmpty() && extraLive == 0) {
            return Optional.empty();
        }
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < Math.min(SAMPLES, liveOnly.size()); i++) {
            samples.add("live: " + liveOnly.get(i));
            samples.add("rebuilt: " + rebuiltOnly.get(i));
        }
        if (extraLive > 0) {
            samples.add("live holds " + extraLive + " linkage(s) the rebuild does not");
        }
        return Optional.of(new Difference(TokenValidityModel.PROCESSING_GROUP, liveOnly.size() + extraLive,
                rebuiltOnly.size(), samples));
    }

}
