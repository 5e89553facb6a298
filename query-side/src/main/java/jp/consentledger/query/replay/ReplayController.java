package jp.consentledger.query.replay;

import jp.consentledger.query.infrastructure.NotFoundException;
import jp.consentledger.query.role.FullNode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** "Do the read models follow from the events alone?" (API.md, replay): start a rebuild, follow it. */
@FullNode
@RestController
@RequestMapping("/api/v1/audit/replays")
public class ReplayController {
    private final Replays replays;

    public ReplayController(Replays replays) {
        this.replays = replays;
    }

    @PostMapping
    public ResponseEntity<Replays.Replay> startReplay() {
        Replays.Replay replay = replays.start();
        return ResponseEntity.accepted().location(URI.create("/api/v1/audit/replays/" + replay.replayId())).body(replay);
    }

    @GetMapping("/{replayId}")
    public Replays.Replay replay(@PathVariable String replayId) {
        return replays.get(replayId).orElseThrow(() -> new NotFoundException("REPLAY_NOT_FOUND", "No replay '" + replayId + "'."));
    }
}
