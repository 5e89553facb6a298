package jp.consentledger.query.audit.asof;

import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.validity.ConsentFacts;
import jp.consentledger.validity.ConsentFacts.AccountFacts;
import jp.consentledger.validity.ConsentFacts.LinkageFacts;
import jp.consentledger.validity.ValidityReason;
import jp.consentledger.kernel.provider.ProviderStatus;
import jp.consentledger.query.audit.index.AuditHistory;
import jp.consentledger.query.audit.index.AuditHistory.Entry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A linkage as it stood at an instant, rebuilt from events, with the events it rests on. */
public record LinkageState(String linkageId, Instant at, Instant knownAt, String status,
                           Map<Scope, ValidityReason> reasons, LinkageFacts linkage, AccountFacts account,
                           ProviderStatus providerStatus, List<ConsentFacts.SuspensionWindow> serviceSuspensionsInForce,
                           String termsVersionInForce, List<EventRef> restsOn) {

    /** An event the answer rests on: where it is, what it is, and its hash link. */
    public record EventRef(long position, String eventId, String type, Instant occurredAt, Instant recordedAt,
                           String hash) {
        public static EventRef of(Entry entry) {
            return new EventRef(entry.position(), entry.eventId(), entry.type(), entry.occurredAt(), entry.recordedAt(),
                    entry.hash());
        }
    }

    static LinkageState of(AuditHistory.LinkageRef ref, Reconstruction.Folded folded, Instant at, Instant knownAt) {
        ConsentFacts facts = folded.facts();
        LinkageFacts linkage = facts.linkage(ref.linkageId());
        List<ConsentFacts.SuspensionWindow> windows = facts.windows().stream().filter(w -> w.covers(ref.providerId(), at)).toList();
        return new LinkageState(ref.linkageId().value(), at, knownAt, Reconstruction.status(linkage, at),
                Reconstruction.reasons(facts, ref.tokenHash(), at),
                linkage, facts.account(ref.accountId()),
                facts.provider(ref.providerId()), windows,
                folded.termsInForce() == null ? null : Reconstruction.published(folded.termsInForce()).version().value(),
                folded.restsOn().stream().map(EventRef::of).toList());
    }
}
