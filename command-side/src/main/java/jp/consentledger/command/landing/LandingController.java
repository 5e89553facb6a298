package jp.consentledger.command.landing;

import jp.consentledger.command.config.CommandSideProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * What a person opening the command side in a browser sees: what it is, and the way to the console (served by
 * the query side, at {@code ledger.console.url}), the API documentation and health. Open to everyone.
 */
@Controller
class LandingController {
    private final String consoleUrl;

    LandingController(CommandSideProperties properties) {
        this.consoleUrl = properties.console().url();
    }

    @GetMapping("/")
    String landing(Model model) {
        model.addAttribute("consoleUrl", consoleUrl);
        return "command-landing"; // not "landing": both sides' templates share one classpath in the system tests
    }
}
