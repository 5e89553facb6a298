package jp.consentledger.query.console.evidence;

import jp.consentledger.query.QuerySideProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.query.audit.evidence.EvidenceBundleController;
import jp.consentledger.query.audit.evidence.EvidenceBundles;
import jp.consentledger.query.console.ConsoleTimes;
import jp.consentledger.query.role.FullNode;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.time.ZoneOffset;

/** The evidence bundle for a linkage at the chosen instant: what the offline verifier says of it, and the file. */
@FullNode
@Controller
class EvidenceController {
    private final EvidenceBundleController audit;
    private final ObjectMapper json;
    private final ConsoleTimes times;
    private final ZoneOffset offset;

    EvidenceController(EvidenceBundleController audit, ObjectMapper json, ConsoleTimes times,
                       QuerySideProperties properties) {
        this.audit = audit;
        this.json = json;
        this.times = times;
        this.offset = properties.displayZone();
    }

    @GetMapping("/console/audit/linkages/{linkageId}/evidence")
    String page(@PathVariable String linkageId, @RequestParam String at, Model model) {
        LinkageId id = new LinkageId(linkageId);
        Instant instant = required(at);
        EvidenceBundles.Bundle bundle = audit.linkageEvidence(id, instant.atOffset(offset));
        JsonNode form = json.valueToTree(bundle); // exactly what the download holds
        model.addAttribute("linkageId", id.value());
        model.addAttribute("at", instant);
        model.addAttribute("bundle", bundle);
        model.addAttribute("report", BundleCheck.verify(form, bundle.signingKey().publicKey()));
        return "console/evidence";
    }

    @GetMapping("/console/audit/linkages/{linkageId}/evidence.json")
    ResponseEntity<byte[]> download(@PathVariable String linkageId, @RequestParam String at) throws JsonProcessingException {
        LinkageId id = new LinkageId(linkageId);
        Instant instant = required(at);
        EvidenceBundles.Bundle bundle = audit.linkageEvidence(id, instant.atOffset(offset));
        String name = "evidence-" + id.value() + "-" + instant.getEpochSecond() + ".json";
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(json.writeValueAsBytes(bundle));
    }

    private Instant required(String at) {
        Instant instant = times.parse(at);
        if (instant == null) {
            throw new IllegalArgumentException("Pick the instant the evidence is for.");
        }
        return instant;
    }
}
