package jp.consentledger.validity;

import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.linkage.LinkageStatus;
import jp.consentledger.kernel.terms.TermsVersionPublishedEvent;
import jp.consentledger.validity.ConsentFacts.LinkageFacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * "What was true at t?" from a list of events, written once for every reader that answers it: the audit's
 * "as of", the evidence bundle's stated conclusion, and the offline verifier that re-derives that conclusion.
 * The events are folded by {@link ConsentFacts} and judged by {@link TokenValidityRule}, as the live check does.
 */
public final class StateAt {
    private StateAt() {
    }

    /** The fold's outcome: the facts, the events they rest on (in the given order), the terms publication in force. */
    public record Folded<E>(ConsentFacts facts, List<E> restsOn, E termsInForce, TermsVersionPublishedEvent terms) {
        public String termsVersionInForce() {
            return terms == null ? null : terms.version().value();
        }
    }

    /**
     * Folds {@code events} (already chosen, oldest position first) into fresh facts. Of the terms publications,
     * the one in force at {@code at}: the latest effective date not after {@code at}, and among versions effective
     * at the same moment, the later publication, then the later position.
     */
    public static <E> Folded<E> fold(List<E> events, Function<E, Object> payloadOf, Instant at) {
        ConsentFacts facts = new ConsentFacts();
        List<E> restsOn = new ArrayList<>();
        E inForce = null;
        TermsVersionPublishedEvent terms = null;
        Comparator<TermsVersionPublishedEvent> later = Comparator.comparing(TermsVersionPublishedEvent::effectiveFrom)
                .thenComparing(TermsVersionPublishedEvent::publishedAt);
        for (E entry : events) {
            Object event = payloadOf.apply(entry);
            if (event instanceof TermsVersionPublishedEvent published) {
                if (!published.effectiveFrom().isAfter(at) && (terms == null || later.compare(published, terms) >= 0)) {
                    inForce = entry;
                    terms = published;
                }
            } else if (event != null && facts.apply(event)) {
                restsOn.add(entry);
            }
        }
        if (inForce != null) {
            int insertAt = 0;
            for (E entry : events) {
                if (entry == inForce) {
                    break;
                }
                if (insertAt < restsOn.size() && restsOn.get(insertAt) == entry) {
                    insertAt++;
                }
            }
            restsOn.add(insertAt, inForce);
        }
        return new Folded<>(facts, restsOn, inForce, terms);
    }

    /** The rule's answer for each scope at {@code at}; UNKNOWN_TOKEN for all while the linkage is not granted. */
    public static Map<Scope, ValidityReason> reasons(ConsentFacts facts, TokenHash tokenHash, Instant at) {
        Map<Scope, ValidityReason> reasons = new EnumMap<>(Scope.class);
        for (Scope scope : Scope.values()) {
            reasons.put(scope, facts.check(tokenHash, scope, at).reason());
        }
        return reasons;
    }

    /** Where the linkage stands at {@code at}, in the words of the linkage directory. */
    public static String status(LinkageFacts linkage, Instant at) {
        if (linkage == null || at.isBefore(linkage.grantedAt())) {
            return "NOT_GRANTED";
        }
        if (linkage.revokedAt() != null && !at.isBefore(linkage.revokedAt())) {
            return "REVOKED";
        }
        if (!at.isBefore(linkage.expiresAt())) {
            return "EXPIRED";
        }
        if (linkage.status() == LinkageStatus.REVOCATION_REQUESTED) {
            return "REVOCATION_REQUESTED";
        }
        return linkage.suspended() ? "SUSPENDED" : "ACTIVE";
    }
}
