package jp.consentledger.query.console.auditor;

import jakarta.servlet.http.HttpServletResponse;
import jp.consentledger.query.audit.integrity.AuditLog;
import jp.consentledger.query.audit.integrity.IntegrityController;
import jp.consentledger.query.replay.ReplayController;
import jp.consentledger.query.replay.Replays;
import jp.consentledger.query.role.FullNode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The auditor's desk: the latest signed checkpoint, a full chain verification on request (it reads every
 * event, so it is a button, not a page load), signing a checkpoint now, and replays with their progress.
 */
@FullNode
@Controller
class AuditorController {
    private final IntegrityController integrity;
    private final ReplayController replays;
    private final AuditLog log;

    AuditorController(IntegrityController integrity, ReplayController replays, AuditLog log) {
        this.integrity = integrity;
        this.replays = replays;
        this.log = log;
    }

    @GetMapping("/console/auditor")
    String desk(Model model) {
        model.addAttribute("checkpoint", log.latest().orElse(null));
        return "console/auditor";
    }

    @PostMapping("/console/auditor/verification")
    String verify(Model model) {
        model.addAttribute("verification", integrity.verification());
        return desk(model);
    }

    @PostMapping("/console/auditor/checkpoints")
    String sign(Model model) {
        integrity.checkpoint();
        return desk(model);
    }

    @PostMapping("/console/auditor/replays")
    String startReplay() {
        return "redirect:/console/auditor/replays/" + replays.startReplay().getBody().replayId();
    }

    /** While it runs, the page asks the browser to reload it (a Refresh header): progress without a script. */
    @GetMapping("/console/auditor/replays/{replayId}")
    String replay(@PathVariable String replayId, Model model, HttpServletResponse response) {
        Replays.Replay replay = replays.replay(replayId);
        if (replay.state() == Replays.State.RUNNING) {
            response.setHeader("Refresh", "2");
        }
        model.addAttribute("replay", replay);
        return "console/replay";
    }
}
