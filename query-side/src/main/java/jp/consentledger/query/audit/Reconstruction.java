package jp.consentledger.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.kernel.common.LedgerJson;
import jp.consentledger.kernel.common.Scope;
import jp.consentledger.kernel.common.TokenHash;
import jp.consentledger.kernel.terms.TermsVersionPublishedEvent;
import jp.consentledger.kernel.validity.ConsentFacts;
import jp.consentledger.kernel.validity.ConsentFacts.LinkageFacts;
import jp.consentledger.kernel.validity.LinkageStatus;
import jp.consentledger.kernel.validity.TokenVerdict;
import jp.consentledger.kernel.validity.ValidityReason;
import jp.consentledger.query.audit.AuditHistory.Entry;
import jp.consentledger.query.role.FullNode;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * "What was true at t?", from events alone: the subject's indexed events, filtered by time, folded by
 * the same {@link ConsentFacts} and judged by the same rule as the live token check.
 *
 * <p>Two clocks: an event's occurredAt (when the thing happened, e.g. when the customer asked to revoke) and
 * its recordedAt (the Axon timestamp: when the bank wrote it down). {@code state(at)} applies what had
 * happened by {@code at} as we know it now; with {@code knownAt}, only what the bank had recorded by then.
 * {@code checkAt(t)} answers what the live check answered at t: every event recorded by t, as the live
 * model had applied them, judged at t.
 */
@FullNode
@Component
public class Reconstruction {
    private static final ObjectMapper JSON = LedgerJson.objectMapper();

    /** The fold's outcome: facts plus the events it rests on and the terms in force. */
    public record Folded(ConsentFacts facts, List<Entry> restsOn, Entry termsInForce) {
    }

    public static Predicate<Entry> asOf(Instant at, Instant knownAt) {
        return e -> !e.occurredAt().isAfter(at) && (knownAt == null || !e.recordedAt().isAfter(knownAt));
    }

    public static Predicate<Entry> recordedBy(Instant at) {
        return e -> !e.recordedAt().isAfter(at);
    }

    /** Folds the entries that pass {@code filter}, oldest position first, into fresh facts. */
    public Folded fold(List<Entry> history, Predicate<Entry> filter, Instant at) {
        ConsentFacts facts = new ConsentFacts();
        List<Entry> restsOn = new ArrayList<>();
        List<Entry> terms = new ArrayList<>();
        for (Entry entry : history) {
            if (!filter.test(entry)) {
                continue;
            }
            Object event = deserialize(entry);
            if (event instanceof TermsVersionPublishedEvent published) {
                if (!published.effectiveFrom().isAfter(at)) {
                    terms.add(entry);
                }
            } else if (event != null && facts.apply(event)) {
                restsOn.add(entry);
            }
        }
        // Latest effective date wins; among versions effective at the same moment, the later publication.
        Entry inForce = terms.stream().max(Comparator.comparing((Entry e) -> published(e).effectiveFrom())
                .thenComparing(e -> published(e).publishedAt()).thenComparing(Entry::position)).orElse(null);
        if (inForce != null) {
            restsOn.add(inForce);
            restsOn.sort(Comparator.comparingLong(Entry::position));
        }
        return new Folded(facts, restsOn, inForce);
    }

    /** The rule's answer for each scope at {@code at}; UNKNOWN_TOKEN for all while the linkage is not granted. */
    public static Map<Scope, ValidityReason> reasons(ConsentFacts facts, TokenHash tokenHash, Instant at) {
        Map<Scope, ValidityReason> reasons = new EnumMap<>(Scope.class);
        for (Scope scope : Scope.values()) {
            reasons.put(scope, facts.check(tokenHash, scope, at).reason());
        }
        return reasons;
    }

    public static TokenVerdict check(ConsentFacts facts, TokenHash tokenHash, Scope scope, Instant at) {
        return facts.check(tokenHash, scope, at);
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

    static TermsVersionPublishedEvent published(Entry entry) {
        return (TermsVersionPublishedEvent) deserialize(entry);
    }

    /** The stored JSON back into the kernel's event; null for a type this version of the ledger does not know. */
    static Object deserialize(Entry entry) {
        Class<?> type;
        try {
            type = Class.forName(entry.payloadType(), false, Reconstruction.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        if (!type.getName().startsWith("jp.consentledger.kernel.")) {
            return null;
        }
        try {
            return JSON.readValue(entry.payloadJson(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored event at position " + entry.position() + " does not read back", e);
        }
    }
}
