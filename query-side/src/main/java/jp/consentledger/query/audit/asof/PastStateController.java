package jp.consentledger.query.audit.asof;

import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.token.TokenHasher;
import jp.consentledger.validity.ConsentFacts;
import jp.consentledger.validity.TokenVerdict;
import jp.consentledger.validity.ValidityReason;
import jp.consentledger.query.audit.index.AuditHistory;
import jp.consentledger.query.audit.index.CurrentIndex;
import jp.consentledger.query.role.FullNode;
import jp.consentledger.query.tokencheck.PresentedToken;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import static jp.consentledger.kernel.ids.Identifiers.required;
import static jp.consentledger.kernel.time.LedgerTime.requireInRange;

/** The dispute handlers' questions about the past (API.md): a linkage's state at t, and a token's verdict at t. */
@FullNode
@RestController
@RequestMapping("/api/v1/audit")
public class PastStateController {
    private final AuditHistory history;
    private final Reconstruction reconstruction;
    private final CurrentIndex index;
    private final TokenHasher hasher;

    public PastStateController(AuditHistory history, Reconstruction reconstruction, CurrentIndex index, TokenHasher hasher) {
        this.history = history;
        this.reconstruction = reconstruction;
        this.index = index;
        this.hasher = hasher;
    }

    @GetMapping("/linkages/{linkageId}/state")
    public LinkageState state(@PathVariable LinkageId linkageId,
                              @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime knownAt) {
        return reconstruction.linkageAt(linkageId, requireInRange(at.toInstant(), "at"),
                knownAt == null ? null : requireInRange(knownAt.toInstant(), "knownAt"));
    }

    /** {@code tokenHash} as the history shows it (the LinkageGranted payload), or the plain {@code token}. */
    public record AuditTokenCheckRequest(String token, TokenHash tokenHash, Scope scope, OffsetDateTime at) {
        public AuditTokenCheckRequest {
            if ((token == null) == (tokenHash == null)) {
                throw new IllegalArgumentException("give exactly one of token and tokenHash");
            }
            if (token != null && !PresentedToken.wellFormed(token)) {
                throw new IllegalArgumentException("token must be 1 to 256 printable ASCII characters");
            }
            required(scope, "scope");
            requireInRange(required(at, "at").toInstant(), "at");
        }

        @Override
        public String toString() {
            return "AuditTokenCheckRequest[scope=" + scope + ", at=" + at + "]"; // never print the token
        }
    }

    public record Evidence(List<LinkageState.EventRef> events, String termsVersionInForce, String consentedTermsVersion) {
    }

    public record AuditTokenCheck(boolean valid, ValidityReason reason, Instant at, String linkageId, String accountId,
                                  String providerId, Set<Scope> scopes, Instant expiresAt, Evidence evidence) {
    }

    @PostMapping("/token-checks")
    public AuditTokenCheck tokenCheck(@RequestBody AuditTokenCheckRequest request) {
        index.require(request.at().toInstant()); // it weighs what was recorded by then
        TokenHash tokenHash = request.tokenHash() != null ? request.tokenHash() : new PresentedToken(request.token()).hashWith(hasher);
        Instant at = request.at().toInstant();
        AuditHistory.LinkageRef ref = history.linkageByToken(tokenHash).orElse(null);
        if (ref == null) {
            return new AuditTokenCheck(false, ValidityReason.UNKNOWN_TOKEN, at, null, null, null, null, null, null);
        }
        Reconstruction.Folded folded = reconstruction.fold(history.ofLinkage(ref.linkageId()), Reconstruction.recordedBy(at), at);
        TokenVerdict verdict = Reconstruction.check(folded.facts(), tokenHash, request.scope(), at);
        ConsentFacts.LinkageFacts linkage = verdict.linkage();
        Evidence evidence = new Evidence(folded.restsOn().stream().map(LinkageState.EventRef::of).toList(),
                folded.termsInForce() == null ? null : Reconstruction.published(folded.termsInForce()).version().value(),
                linkage == null ? null : linkage.termsVersion().value());
        if (linkage == null) {
            return new AuditTokenCheck(false, verdict.reason(), at, null, null, null, null, null, evidence);
        }
        return new AuditTokenCheck(verdict.valid(), verdict.reason(), at, linkage.linkageId().value(),
                linkage.accountId().value(), linkage.providerId().value(), linkage.scopes(), linkage.expiresAt(), evidence);
    }
}
