package jp.consentledger.query.console.asof;

import jp.consentledger.query.QuerySideProperties;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.query.audit.asof.LinkageState;
import jp.consentledger.query.audit.asof.PastStateController;
import jp.consentledger.query.audit.index.HistoryController;
import jp.consentledger.query.console.ConsoleTimes;
import jp.consentledger.query.console.timeline.TimelineLine;
import jp.consentledger.query.console.timeline.TimelineLines;
import jp.consentledger.query.console.timeline.TimelineRow;
import jp.consentledger.query.role.FullNode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A linkage as it stood at an instant picked on its timeline (and, optionally, as the bank knew it at another):
 * its status, each scope's verdict with the reason, and the events the answer rests on, highlighted.
 */
@FullNode
@Controller
class AsOfController {
    private final HistoryController history;
    private final PastStateController asOf;
    private final ConsoleTimes times;
    private final ZoneOffset offset;

    AsOfController(HistoryController history, PastStateController asOf, ConsoleTimes times, QuerySideProperties properties) {
        this.history = history;
        this.asOf = asOf;
        this.times = times;
        this.offset = properties.displayZone();
    }

    @GetMapping("/console/audit/linkages/{linkageId}/as-of")
    String asOf(@PathVariable String linkageId, @RequestParam(required = false) String at,
                @RequestParam(required = false) String knownAt, Model model) {
        LinkageId id = new LinkageId(linkageId);
        HistoryController.History history = this.history.linkageHistory(id);
        Instant instant = times.parse(at);
        Instant known = times.parse(knownAt);
        model.addAttribute("linkageId", id.value());
        model.addAttribute("asOf", history.asOf());
        model.addAttribute("at", instant);
        model.addAttribute("knownAt", known);
        List<TimelineLine> lines = TimelineLines.of(history.items());
        if (instant == null) {
            model.addAttribute("rows", TimelineRow.of(lines, Set.of(), null, null));
            return "console/as-of";
        }
        LinkageState state = asOf.state(id, instant.atOffset(offset), known == null ? null : known.atOffset(offset));
        Set<String> restsOn = state.restsOn().stream().map(LinkageState.EventRef::eventId).collect(Collectors.toSet());
        model.addAttribute("state", AsOfView.of(state));
        model.addAttribute("rows", TimelineRow.of(lines, restsOn, instant, known));
        return "console/as-of";
    }
}
