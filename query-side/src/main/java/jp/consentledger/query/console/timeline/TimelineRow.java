package jp.consentledger.query.console.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A timeline line as the "as of" page shows it: whether the answer rests on it, and whether it lies beyond
 * the instant asked (it happened later, or the bank had not recorded it by "as known at").
 */
public record TimelineRow(TimelineLine line, boolean restsOn, boolean later) {

    public static List<TimelineRow> of(List<TimelineLine> lines, Set<String> restsOn, Instant at, Instant knownAt) {
        return lines.stream().map(line -> new TimelineRow(line, restsOn.contains(line.eventId()),
                at != null && line.occurredAt().isAfter(at) || knownAt != null && line.recordedAt().isAfter(knownAt))).toList();
    }
}
