package jp.consentledger.query.console.timeline;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.query.audit.index.HistoryController;
import jp.consentledger.query.role.FullNode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.Set;

/** Every event that bears on a linkage or an account, oldest first (the audit history, for a person). */
@FullNode
@Controller
class TimelineController {
    private final HistoryController audit;

    TimelineController(HistoryController audit) {
        this.audit = audit;
    }

    @GetMapping("/console/audit/linkages/{linkageId}/timeline")
    String linkage(@PathVariable String linkageId, Model model) {
        return page("linkage", audit.linkageHistory(new LinkageId(linkageId)), model);
    }

    @GetMapping("/console/audit/accounts/{accountId}/timeline")
    String account(@PathVariable String accountId, Model model) {
        return page("account", audit.accountHistory(new AccountId(accountId)), model);
    }

    private static String page(String subject, HistoryController.History history, Model model) {
        model.addAttribute("subject", subject);
        model.addAttribute("subjectId", history.id());
        model.addAttribute("rows", TimelineRow.of(TimelineLines.of(history.items()), Set.of(), null, null));
        model.addAttribute("asOf", history.asOf());
        return "console/timeline";
    }
}
