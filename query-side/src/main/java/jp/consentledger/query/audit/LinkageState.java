package jp.consentledger.query.audit;

import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.validity.ConsentFacts;
import jp.consentledger.validity.ConsentFacts.AccountFacts;
import jp.consentledger.validity.ConsentFacts.LinkageFacts;
import jp.consentledger.validity.ValidityReason;
import jp.consentledger.kernel.provider.ProviderStatus;
import jp.consentledger.query.audit.AuditHistory.Entry;

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
        static EventRef of(Entry entry) {
            return new EventRef(entry.position(), entry.eventId(), entry.type(), entry.occurredAt(), entry.recordedAt(),
                    entry.hash());
        }
    }

    static LinkageState of(String linkageId, AuditHistory.LinkageRef ref, Reconstruction.Folded folded, Instant at,
                           Instant knownAt) {
        ConsentFacts facts = folded.facts();
        LinkageFacts linkage = facts.linkage(new jp.consentledger.kernel.ids.LinkageId(linkageId));
        jp.consentledger.kernel.ids.ProviderId provider = new jp.consentledger.kernel.ids.ProviderId(ref.providerId());
        List<ConsentFacts.SuspensionWindow> windows = facts.windows().stream().filter(w -> w.covers(provider, at)).toList();
        return new LinkageState(linkageId, at, knownAt, Reconstruction.status(linkage, at),
                Reconstruction.reasons(facts, jp.consentledger.kernel.token.TokenHash.of(ref.tokenHash()), at),
                linkage, facts.account(new jp.consentledger.kernel.ids.AccountId(ref.accountId())),
                facts.provider(provider), windows,
                folded.termsInForce() == null ? null : Reconstruction.published(folded.termsInForce()).version().value(),
                folded.restsOn().stream().map(EventRef::of).toList());
    }
}
