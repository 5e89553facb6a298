package jp.consentledger.query.audit.index;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.query.audit.index.AuditHistory.Entry;
import jp.consentledger.query.infrastructure.AsOf;
import jp.consentledger.query.role.FullNode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Every event that bears on a linkage or an account, oldest first, with its hash links (API.md, audit history). */
@FullNode
@RestController
@RequestMapping("/api/v1/audit")
public class HistoryController {
    private final AuditHistory history;
    private final CurrentIndex index;
    private final Clock clock;

    public HistoryController(AuditHistory history, CurrentIndex index, Clock clock) {
        this.history = history;
        this.index = index;
        this.clock = clock;
    }

    public record HistoryItem(long position, String eventId, String type, Instant occurredAt, Instant recordedAt,
                              JsonNode payload, String hash, String previousHash, String aggregateId,
                              long sequenceNumber) {
        static HistoryItem of(Entry e) {
            return new HistoryItem(e.position(), e.eventId(), e.type(), e.occurredAt(), e.recordedAt(), e.payload(),
                    e.hash(), e.previousHash(), e.aggregateId(), e.sequenceNumber());
        }
    }

    public record History(String subject, String id, List<HistoryItem> items, AsOf asOf) {
    }

    @GetMapping("/linkages/{linkageId}/history")
    public History linkageHistory(@PathVariable LinkageId linkageId) {
        index.require(null);
        return history("linkage", linkageId.value(), history.ofLinkage(linkageId));
    }

    @GetMapping("/accounts/{accountId}/history")
    public History accountHistory(@PathVariable AccountId accountId) {
        index.require(null);
        return history("account", accountId.value(), history.ofAccount(accountId));
    }

    private History history(String subject, String id, List<Entry> entries) {
        long position = entries.stream().mapToLong(Entry::position).max().orElse(-1);
        return new History(subject, id, entries.stream().map(HistoryItem::of).toList(), new AsOf(clock.instant(), position));
    }
}
