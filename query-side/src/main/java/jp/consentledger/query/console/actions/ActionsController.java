package jp.consentledger.query.console.actions;

import jakarta.servlet.http.HttpServletRequest;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.query.linkage.LinkageDirectory;
import jp.consentledger.query.role.FullNode;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * An operator's action on a linkage, in two steps: a page that says what will happen (and takes the reason),
 * then the command itself, sent to the command side with the operator's credentials. The confirmation page
 * carries a fresh Idempotency-Key, so a double click or a resent form records the action once.
 */
@FullNode
@Controller
class ActionsController {
    private static final int MAX_REASON = 1000;

    private final CommandSide commandSide;
    private final LinkageDirectory directory;
    private final Clock clock;

    ActionsController(CommandSide commandSide, LinkageDirectory directory, Clock clock) {
        this.commandSide = commandSide;
        this.directory = directory;
        this.clock = clock;
    }

    @GetMapping("/console/actions/linkages/{linkageId}/{action}")
    String confirmStep(@PathVariable String linkageId, @PathVariable String action, Model model) {
        LinkageId id = new LinkageId(linkageId);
        model.addAttribute("linkageId", id.value());
        model.addAttribute("action", Action.named(action));
        model.addAttribute("linkage", directory.linkage(id, clock.instant()).orElse(null));
        model.addAttribute("key", "console-" + UUID.randomUUID());
        return "console/action";
    }

    @PostMapping("/console/actions/linkages/{linkageId}/{action}")
    String act(@PathVariable String linkageId, @PathVariable String action, @RequestParam String key,
               @RequestParam(required = false) String reason, HttpServletRequest request, Model model) {
        LinkageId id = new LinkageId(linkageId);
        Action chosen = Action.named(action);
        String why = reason == null ? "" : reason.trim();
        if (chosen.needsReason && (why.isEmpty() || why.length() > MAX_REASON)) {
            throw new IllegalArgumentException("Give a reason (1 to " + MAX_REASON + " characters): it is recorded with the event.");
        }
        CommandAnswer answer = commandSide.send(chosen.method, "/api/v1/linkages/" + id.value() + chosen.path,
                chosen.needsReason ? Map.of("reason", why) : null, request.getHeader(HttpHeaders.AUTHORIZATION), key);
        model.addAttribute("linkageId", id.value());
        model.addAttribute("action", chosen);
        model.addAttribute("answer", answer);
        return "console/action-outcome";
    }
}
