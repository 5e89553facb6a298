package jp.consentledger.query.console.asof;

import jp.consentledger.query.QuerySideProperties;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.query.audit.asof.PastStateController;
import jp.consentledger.query.console.ConsoleTimes;
import jp.consentledger.query.role.FullNode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * "Was this token valid at T for scope S?", as the live check would have answered then, with its evidence.
 * A plain token comes only in the POST body and is never shown back; its hash may be given instead.
 */
@FullNode
@Controller
class PastTokenCheckController {
    private final PastStateController audit;
    private final ConsoleTimes times;
    private final ZoneOffset offset;

    PastTokenCheckController(PastStateController audit, ConsoleTimes times, QuerySideProperties properties) {
        this.audit = audit;
        this.times = times;
        this.offset = properties.displayZone();
    }

    @GetMapping("/console/audit/token-check")
    String form(@RequestParam(required = false) String at, Model model) {
        model.addAttribute("scopes", Scope.values());
        model.addAttribute("at", times.parse(at));
        return "console/token-check";
    }

    @PostMapping("/console/audit/token-check")
    String check(@RequestParam(required = false) String token, @RequestParam(required = false) String tokenHash,
                 @RequestParam Scope scope, @RequestParam String at, Model model) {
        Instant instant = times.parse(at);
        if (instant == null) {
            throw new IllegalArgumentException("Give the instant to check at.");
        }
        String plain = token == null || token.isBlank() ? null : token.trim();
        TokenHash hash = tokenHash == null || tokenHash.isBlank() ? null : TokenHash.of(tokenHash.trim());
        PastStateController.AuditTokenCheck result = audit.tokenCheck(
                new PastStateController.AuditTokenCheckRequest(plain, hash, scope, instant.atOffset(offset)));
        model.addAttribute("scopes", Scope.values());
        model.addAttribute("at", instant);
        model.addAttribute("scope", scope);
        model.addAttribute("result", result);
        return "console/token-check";
    }
}
