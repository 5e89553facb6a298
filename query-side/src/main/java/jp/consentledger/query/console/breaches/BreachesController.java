package jp.consentledger.query.console.breaches;

import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.query.breach.BreachQueryController;
import jp.consentledger.query.breach.BreachRegister;
import jp.consentledger.query.role.FullNode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Breaches (事故): the register, newest report first, and each breach with its affected parties, suspensions and disclosures. */
@FullNode
@Controller
class BreachesController {
    private static final int PAGE = 200;

    private final BreachQueryController breaches;

    BreachesController(BreachQueryController breaches) {
        this.breaches = breaches;
    }

    @GetMapping("/console/breaches")
    String list(@RequestParam(required = false) BreachRegister.Status status, Model model) {
        BreachQueryController.BreachPage page = breaches.breaches(status, 0, PAGE);
        model.addAttribute("page", page);
        model.addAttribute("status", status);
        model.addAttribute("asOf", page.asOf());
        return "console/breaches";
    }

    @GetMapping("/console/breaches/{breachId}")
    String breach(@PathVariable String breachId, Model model) {
        BreachQueryController.BreachView view = breaches.breach(new BreachId(breachId));
        model.addAttribute("breach", view.breach());
        model.addAttribute("asOf", view.asOf());
        return "console/breach";
    }
}
