package jp.consentledger.query.audit.asof;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.kernel.audit.EventSubjects;
import jp.consentledger.kernel.json.LedgerJson;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.terms.TermsVersionPublishedEvent;
import jp.consentledger.validity.ConsentFacts;
import jp.consentledger.validity.ConsentFacts.LinkageFacts;
import jp.consentledger.validity.StateAt;
import jp.consentledger.validity.TokenVerdict;
import jp.consentledger.validity.ValidityReason;
import jp.consentledger.query.audit.index.AuditHistory;
import jp.consentledger.query.audit.index.AuditHistory.Entry;
import jp.consentledger.query.audit.index.CurrentIndex;
import jp.consentledger.query.infrastructure.NotFoundException;
import jp.consentledger.query.role.FullNode;
import org.springframework.stereotype.Component;

import java.time.Instant;
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

    private final AuditHistory history;
    private final CurrentIndex index;

    public Reconstruction(AuditHistory history, CurrentIndex index) {
        this.history = history;
        this.index = index;
    }

    /** The fold's outcome: facts plus the events it rests on and the terms in force. */
    public record Folded(ConsentFacts facts, List<Entry> restsOn, Entry termsInForce) {
    }

    public static Predicate<Entry> asOf(Instant at, Instant knownAt) {
        return e -> !e.occurredAt().isAfter(at) && (knownAt == null || !e.recordedAt().isAfter(knownAt));
    }

    public static Predicate<Entry> recordedBy(Instant at) {
        return e -> !e.recordedAt().isAfter(at);
    }

    /** Folds the entries that pass {@code filter}, oldest position first, into fresh facts (kernel {@link StateAt}). */
    public Folded fold(List<Entry> history, Predicate<Entry> filter, Instant at) {
        StateAt.Folded<Entry> folded = StateAt.fold(history.stream().filter(filter).toList(), Reconstruction::deserialize, at);
        return new Folded(folded.facts(), folded.restsOn(), folded.termsInForce());
    }

    /** The linkage at {@code at} (as the bank knew it at {@code knownAt}, null: as known now), from the audit index. */
    public LinkageState linkageAt(LinkageId linkageId, Instant at, Instant knownAt) {
        index.require(knownAt);
        AuditHistory.LinkageRef ref = history.linkage(linkageId).orElseThrow(() -> new NotFoundException(
                "LINKAGE_NOT_FOUND", "No linkage '" + linkageId.value() + "' in the audit index."));
        Folded folded = fold(history.ofLinkage(linkageId), asOf(at, knownAt), at);
        return LinkageState.of(ref, folded, at, knownAt);
    }

    /**
     * The linkage at {@code at}, folded from the given events (an evidence bundle's own) that concern it, as
     * "as of" answers it; 404 while its grant is not among them.
     */
    public LinkageState linkageFrom(LinkageId linkageId, List<Entry> events, Instant at) {
        List<Entry> concerning = events.stream()
                .filter(e -> EventSubjects.foldedFor(linkageId.value(), deserialize(e))).toList();
        LinkageGrantedEvent grant = concerning.stream().map(Reconstruction::deserialize)
                .filter(e -> e instanceof LinkageGrantedEvent g && g.linkageId().equals(linkageId))
                .map(LinkageGrantedEvent.class::cast).findFirst()
                .orElseThrow(() -> new NotFoundException("LINKAGE_NOT_FOUND",
                        "No linkage '" + linkageId.value() + "' in the signed log yet."));
        AuditHistory.LinkageRef ref = new AuditHistory.LinkageRef(linkageId, grant.accountId(), grant.providerId(),
                grant.tokenHash());
        return LinkageState.of(ref, fold(concerning, asOf(at, null), at), at, null);
    }

    /** The rule's answer for each scope at {@code at}; UNKNOWN_TOKEN for all while the linkage is not granted. */
    public static Map<Scope, ValidityReason> reasons(ConsentFacts facts, TokenHash tokenHash, Instant at) {
        return StateAt.reasons(facts, tokenHash, at);
    }

    public static TokenVerdict check(ConsentFacts facts, TokenHash tokenHash, Scope scope, Instant at) {
        return facts.check(tokenHash, scope, at);
    }

    /** Where the linkage stands at {@code at}, in the words of the linkage directory. */
    public static String status(LinkageFacts linkage, Instant at) {
        return StateAt.status(linkage, at);
    }

    static TermsVersionPublishedEvent published(Entry entry) {
        return (TermsVersionPublishedEvent) deserialize(entry);
    }

    /** The stored JSON back into the kernel's event; null for a type this version of the ledger does not know. */
    public static Object deserialize(Entry entry) {
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
