package jp.consentledger.query.console.landing;

import jp.consentledger.query.role.NodeRole;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * What a person opening the query side in a browser sees first: what it is and where to go (the console on a
 * full node, the API documentation, health), instead of a login prompt and a JSON 404. Open to everyone.
 */
@Controller
class LandingController {
    private final boolean consoleServed;

    LandingController(Environment environment) {
        this.consoleServed = NodeRole.of(environment) == NodeRole.FULL;
    }

    @GetMapping("/")
    String landing(Model model) {
        model.addAttribute("consoleServed", consoleServed);
        return "landing";
    }
}
