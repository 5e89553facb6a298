package jp.consentledger.query.audit.evidence;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.query.audit.asof.Reconstruction;
import jp.consentledger.query.audit.index.AuditHistory;
import jp.consentledger.query.audit.index.CurrentIndex;
import jp.consentledger.query.role.FullNode;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;

import static jp.consentledger.kernel.time.LedgerTime.requireInRange;

/** Evidence a dispute handler hands on (API.md): a linkage's or an account's bundle at an instant, and its page. */
@FullNode
@RestController
@RequestMapping("/api/v1/audit")
public class EvidenceBundleController {
    private final EvidenceBundles evidence;
    private final Reconstruction reconstruction;
    private final AuditHistory history;
    private final CurrentIndex index;

    public EvidenceBundleController(EvidenceBundles evidence, Reconstruction reconstruction, AuditHistory history,
                              CurrentIndex index) {
        this.evidence = evidence;
        this.reconstruction = reconstruction;
        this.history = history;
        this.index = index;
    }

    @GetMapping("/linkages/{linkageId}/evidence")
    public EvidenceBundles.Bundle linkageEvidence(@PathVariable LinkageId linkageId,
                                                  @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at) {
        reconstruction.linkageAt(linkageId, requireInRange(at.toInstant(), "at"), null); // 404 for an unknown linkage
        return evidence.forLinkage(linkageId, at.toInstant());
    }

    @GetMapping(value = "/linkages/{linkageId}/evidence.html", produces = MediaType.TEXT_HTML_VALUE)
    public String linkageEvidenceHtml(@PathVariable LinkageId linkageId,
                                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at) {
        return EvidenceHtml.render(linkageEvidence(linkageId, at), at.getOffset());
    }

    @GetMapping("/accounts/{accountId}/evidence")
    public EvidenceBundles.Bundle accountEvidence(@PathVariable AccountId accountId,
                                                  @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at) {
        Instant instant = requireInRange(at.toInstant(), "at");
        index.require(null);
        history.ofAccount(accountId); // 404 for an unknown account
        return evidence.forAccount(accountId, instant);
    }

    @GetMapping(value = "/accounts/{accountId}/evidence.html", produces = MediaType.TEXT_HTML_VALUE)
    public String accountEvidenceHtml(@PathVariable AccountId accountId,
                                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at) {
        return EvidenceHtml.render(accountEvidence(accountId, at), at.getOffset());
    }
}
