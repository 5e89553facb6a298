package jp.consentledger.query.audit.asof;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.query.audit.index.AuditHistory.Entry;

import java.time.Instant;
import java.util.List;

/** An account at an instant: each of its linkages granted by then, as "as of" answers it. */
public record AccountState(String accountId, Instant at, List<LinkageState> linkages) {

    /** From the given events (an evidence bundle's own): every linkage whose grant among them had happened by {@code at}. */
    public static AccountState from(AccountId accountId, List<Entry> events, Instant at, Reconstruction reconstruction) {
        return new AccountState(accountId.value(), at, events.stream()
                .filter(e -> !e.occurredAt().isAfter(at))
                .map(Reconstruction::deserialize)
                .filter(LinkageGrantedEvent.class::isInstance).map(LinkageGrantedEvent.class::cast)
                .map(grant -> reconstruction.linkageFrom(grant.linkageId(), events, at))
                .toList());
    }
}
