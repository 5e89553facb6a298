package jp.consentledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.kernel.audit.EventSubjects;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.provider.ProviderStatus;
import jp.consentledger.validity.StateAt;
import jp.consentledger.validity.ValidityReason;
import jp.consentledger.verifier.ShownEvents.Shown;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether the bundle's stated conclusion follows from its events: the state is folded again by the ledger's one
 * rule (consent-validity, the code the live token check and "as of" run) and compared, field by field, with what
 * the bundle states: the status, the verdict for each scope, the terms version in force, the provider's status
 * and the events the state rests on.
 */
final class Conclusion {
    private Conclusion() {
    }

    static void check(String kind, String id, Instant at, JsonNode stated, List<Shown> events, List<String> problems) {
        if (kind.equals("linkage")) {
            linkage(id, at, stated, events, "the stated state", problems);
            return;
        }
        List<String> derivedLinkages = events.stream()
                .filter(e -> e.payload() instanceof LinkageGrantedEvent g && g.accountId().value().equals(id)
                        && !e.occurredAt().isAfter(at))
                .map(e -> ((LinkageGrantedEvent) e.payload()).linkageId().value()).toList();
        if (!id.equals(stated.path("accountId").asText()) || !instantEquals(stated.path("at"), at)) {
            problems.add("the stated state is about another account or instant than the bundle");
        }
        List<String> statedLinkages = new ArrayList<>();
        stated.path("linkages").forEach(l -> statedLinkages.add(l.path("linkageId").asText()));
        if (!statedLinkages.equals(derivedLinkages)) {
            problems.add("the stated state lists linkages " + statedLinkages + "; the events give " + derivedLinkages);
            return;
        }
        for (int i = 0; i < derivedLinkages.size(); i++) {
            linkage(derivedLinkages.get(i), at, stated.path("linkages").get(i), events,
                    "the stated state of linkage " + derivedLinkages.get(i), problems);
        }
    }

    private static void linkage(String linkageId, Instant at, JsonNode stated, List<Shown> events, String where,
                                List<String> problems) {
        List<Shown> folded = events.stream()
                .filter(e -> EventSubjects.foldedFor(linkageId, e.payload()) && !e.occurredAt().isAfter(at)).toList();
        LinkageGrantedEvent grant = events.stream().map(Shown::payload)
                .filter(p -> p instanceof LinkageGrantedEvent g && g.linkageId().value().equals(linkageId))
                .map(LinkageGrantedEvent.class::cast).findFirst().orElse(null);
        if (grant == null) {
            problems.add(where + ": the bundle holds no grant of linkage " + linkageId);
            return;
        }
        StateAt.Folded<Shown> state = StateAt.fold(folded, Shown::payload, at);
        if (!linkageId.equals(stated.path("linkageId").asText()) || !instantEquals(stated.path("at"), at)) {
            problems.add(where + ": it is about another linkage or instant than the bundle");
        }
        if (!stated.path("knownAt").isMissingNode() && !stated.path("knownAt").isNull()) {
            problems.add(where + ": it weighs only what was known at an instant, which a bundle does not");
        }
        compare(where, "status", stated.path("status").asText(null),
                StateAt.status(state.facts().linkage(new LinkageId(linkageId)), at), problems);
        Map<Scope, ValidityReason> reasons = StateAt.reasons(state.facts(), grant.tokenHash(), at);
        JsonNode statedReasons = stated.path("reasons");
        if (statedReasons.size() != reasons.size()) {
            problems.add(where + ": it gives a verdict for " + statedReasons.size() + " scopes, the rule for " + reasons.size());
        }
        reasons.forEach((scope, reason) -> compare(where, "the token verdict for " + scope,
                statedReasons.path(scope.name()).asText(null), reason.name(), problems));
        compare(where, "the terms version in force", stated.path("termsVersionInForce").asText(null),
                state.termsVersionInForce(), problems);
        ProviderStatus provider = state.facts().provider(grant.providerId());
        compare(where, "the provider's status", stated.path("providerStatus").asText(null),
                provider == null ? null : provider.name(), problems);
        List<String> statedRests = new ArrayList<>();
        stated.path("restsOn").forEach(r -> statedRests.add(r.path("position").asLong() + ":" + r.path("hash").asText()));
        List<String> derivedRests = state.restsOn().stream().map(e -> e.position() + ":" + e.chainHash()).toList();
        if (!statedRests.equals(derivedRests)) {
            problems.add(where + ": it rests on events " + positions(statedRests) + "; the rule rests on " + positions(derivedRests));
        }
    }

    private static void compare(String where, String what, String stated, String derived, List<String> problems) {
        if (!Objects.equals(stated, derived)) {
            problems.add(where + " does not follow from the events: " + what + " is stated " + stated + ", the rule gives " + derived);
        }
    }

    private static List<String> positions(List<String> refs) {
        return refs.stream().map(r -> r.substring(0, r.indexOf(':'))).toList();
    }

    private static boolean instantEquals(JsonNode node, Instant at) {
        try {
            return node.isTextual() && java.time.OffsetDateTime.parse(node.asText()).toInstant().equals(at);
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
