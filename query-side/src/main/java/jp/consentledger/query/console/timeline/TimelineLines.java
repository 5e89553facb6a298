package jp.consentledger.query.console.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.query.audit.index.HistoryController.HistoryItem;
import jp.consentledger.query.console.timeline.TimelineLine.Mark;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A history, oldest first, read into timeline lines. */
public final class TimelineLines {
    private TimelineLines() {
    }

    /** A published terms version, as the history holds it: the one in force is the latest effective by then. */
    private record Terms(String version, Instant effectiveFrom, Instant publishedAt) {
    }

    public static List<TimelineLine> of(List<HistoryItem> items) {
        List<Terms> published = items.stream().filter(i -> i.type().equals("TermsVersionPublishedEvent"))
                .map(i -> new Terms(i.payload().path("version").asText(), instant(i.payload().path("effectiveFrom")),
                        instant(i.payload().path("publishedAt")))).toList();
        List<TimelineLine> lines = new ArrayList<>(items.size());
        for (HistoryItem item : items) {
            JsonNode payload = item.payload();
            String linkageId = payload.path("linkageId").isTextual() ? payload.path("linkageId").asText() : null;
            lines.add(new TimelineLine(item.position(), item.eventId(), item.type(), item.occurredAt(), item.recordedAt(),
                    actor(item.type(), payload), actorName(item.type(), payload), inForce(published, item.occurredAt()),
                    item.hash(), item.previousHash(), mark(item.type(), payload), linkageId, payload.toString()));
        }
        return lines;
    }

    /** Who did it, from what the event records: events name no user, but each kind has one author. */
    static String actor(String type, JsonNode payload) {
        return switch (type) {
            case "LinkageRevocationRequestedEvent" -> "actor.provider";
            case "LinkageExpiredEvent", "RegistrationLapsedEvent" -> "actor.ledger";
            case "BreachReportedEvent" -> "actor.reporter";
            case "LinkageSuspendedEvent" -> payload.path("breachId").isTextual() ? "actor.breachEnforcement" : "actor.bank";
            default -> "actor.bank";
        };
    }

    private static String actorName(String type, JsonNode payload) {
        return switch (type) {
            case "LinkageRevocationRequestedEvent" -> payload.path("providerId").asText();
            case "BreachReportedEvent" -> payload.path("reportedBy").asText();
            case "LinkageSuspendedEvent" -> payload.path("breachId").asText(null);
            default -> null;
        };
    }

    static Mark mark(String type, JsonNode payload) {
        if (type.startsWith("Breach") || type.startsWith("Disclosure") || payload.path("breachId").isTextual()) {
            return Mark.BREACH;
        }
        return type.startsWith("ServiceSuspension") ? Mark.SERVICE_SUSPENSION : null;
    }

    private static String inForce(List<Terms> published, Instant at) {
        Terms best = null;
        for (Terms terms : published) {
            if (terms.effectiveFrom() != null && !terms.effectiveFrom().isAfter(at) && (best == null
                    || terms.effectiveFrom().isAfter(best.effectiveFrom())
                    || terms.effectiveFrom().equals(best.effectiveFrom()) && !terms.publishedAt().isBefore(best.publishedAt()))) {
                best = terms;
            }
        }
        return best == null ? null : best.version();
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() ? OffsetDateTime.parse(node.asText()).toInstant() : null;
    }
}
