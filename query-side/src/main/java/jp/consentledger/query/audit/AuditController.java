package jp.consentledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.token.TokenHasher;
import jp.consentledger.validity.ConsentFacts;
import jp.consentledger.validity.TokenVerdict;
import jp.consentledger.validity.ValidityReason;
import jp.consentledger.query.audit.AuditHistory.Entry;
import jp.consentledger.query.audit.keys.PublishedKey;
import jp.consentledger.query.infrastructure.AsOf;
import jp.consentledger.query.infrastructure.NotFoundException;
import jp.consentledger.query.infrastructure.ReadModelLag;
import jp.consentledger.query.observability.AuditVerificationStatus;
import jp.consentledger.query.role.FullNode;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import static jp.consentledger.kernel.ids.Identifiers.required;
import static jp.consentledger.kernel.time.LedgerTime.requireInRange;

/** The auditors' and dispute handlers' questions (API.md, audit rows). */
@FullNode
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {
    private final AuditHistory history;
    private final Reconstruction reconstruction;
    private final AuditLog log;
    private final Verification verification;
    private final EvidenceBundles evidence;
    private final CheckpointSigner signer;
    private final TokenHasher hasher;
    private final Replays replays;
    private final Clock clock;
    private final AuditVerificationStatus verificationStatus;
    private final ReadModelLag lag;

    public AuditController(AuditHistory history, Reconstruction reconstruction, AuditLog log, Verification verification,
                           EvidenceBundles evidence, CheckpointSigner signer, TokenHasher hasher, Replays replays,
                           Clock clock, AuditVerificationStatus verificationStatus, ReadModelLag lag) {
        this.verificationStatus = verificationStatus;
        this.lag = lag;
        this.history = history;
        this.reconstruction = reconstruction;
        this.log = log;
        this.verification = verification;
        this.evidence = evidence;
        this.signer = signer;
        this.hasher = hasher;
        this.replays = replays;
        this.clock = clock;
    }

    public record HistoryItem(long position, String eventId, String type, Instant occurredAt, Instant recordedAt,
                              JsonNode payload, String hash, String previousHash, String aggregateId,
                              long sequenceNumber) {
        static HistoryItem of(Entry e) {
            return new HistoryItem(e.position(), e.eventId(), e.type(), e.occurredAt(), e.recordedAt(), e.payload(),
                    e.hash(), e.previousHash(), e.aggregateId(), e.sequenceNumber());
        }
    }

    public record History(String subject, String id, List<HistoryItem> items, AsOf asOf) {
    }

    @GetMapping("/linkages/{linkageId}/history")
    public History linkageHistory(@PathVariable LinkageId linkageId) {
        requireCurrentIndex(null);
        return history("linkage", linkageId.value(), history.ofLinkage(linkageId.value()));
    }

    @GetMapping("/accounts/{accountId}/history")
    public History accountHistory(@PathVariable AccountId accountId) {
        requireCurrentIndex(null);
        return history("account", accountId.value(), history.ofAccount(accountId.value()));
    }

    private History history(String subject, String id, List<Entry> entries) {
        long position = entries.stream().mapToLong(Entry::position).max().orElse(-1);
        return new History(subject, id, entries.stream().map(HistoryItem::of).toList(), new AsOf(clock.instant(), position));
    }

    @GetMapping("/linkages/{linkageId}/state")
    public LinkageState state(@PathVariable LinkageId linkageId,
                              @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime knownAt) {
        return linkageState(linkageId.value(), asked(at, "at"), knownAt == null ? null : asked(knownAt, "knownAt"));
    }

    LinkageState linkageState(String linkageId, Instant at, Instant knownAt) {
        requireCurrentIndex(knownAt);
        return foldedState(linkageId, at, knownAt);
    }

    private LinkageState foldedState(String linkageId, Instant at, Instant knownAt) {
        AuditHistory.LinkageRef ref = history.linkage(linkageId).orElseThrow(() -> new NotFoundException(
                "LINKAGE_NOT_FOUND", "No linkage '" + linkageId + "' in the audit index."));
        Reconstruction.Folded folded = reconstruction.fold(history.ofLinkage(linkageId), Reconstruction.asOf(at, knownAt), at);
        return LinkageState.of(linkageId, ref, folded, at, knownAt);
    }

    /** {@code tokenHash} as the history shows it (the LinkageGranted payload), or the plain {@code token}. */
    public record AuditTokenCheckRequest(String token, TokenHash tokenHash, Scope scope, OffsetDateTime at) {
        public AuditTokenCheckRequest {
            if ((token == null) == (tokenHash == null)) {
                throw new IllegalArgumentException("give exactly one of token and tokenHash");
            }
            if (token != null && (token.isEmpty() || token.length() > 256 || !token.chars().allMatch(c -> c > 32 && c < 127))) {
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
        requireCurrentIndex(request.at().toInstant()); // it weighs what was recorded by then
        TokenHash tokenHash = request.tokenHash() != null ? request.tokenHash() : hasher.hash(request.token());
        Instant at = request.at().toInstant();
        AuditHistory.LinkageRef ref = history.linkageByToken(tokenHash.value()).orElse(null);
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

    @GetMapping("/verification")
    public Verification.Result verification() {
        Verification.Result result = verification.verify();
        verificationStatus.verified(result.verified()); // ledger.audit.verification.verified
        return result;
    }

    public record PublicKey(String algorithm, String keyId, String publicKey) {
    }

    @GetMapping("/public-key")
    public PublicKey publicKey() {
        return new PublicKey("Ed25519", signer.keyId(), signer.publicKeyBase64());
    }

    /** Every key a checkpoint may name, with the period it signed in (the current one has no end). */
    @GetMapping("/keys")
    public List<PublishedKey> keys() {
        return signer.publishedKeys();
    }

    @PostMapping("/checkpoints")
    @ResponseStatus(HttpStatus.CREATED)
    public AuditLog.Checkpoint checkpoint() {
        AuditLog.Checkpoint checkpoint = log.checkpoint();
        if (checkpoint == null) {
            throw new NotFoundException("NO_EVENTS", "The store holds no settled event to checkpoint yet.");
        }
        return checkpoint;
    }

    @GetMapping("/checkpoints/latest")
    public AuditLog.Checkpoint latestCheckpoint() {
        return log.latest().orElseThrow(() -> new NotFoundException("NO_CHECKPOINT", "No checkpoint has been signed yet."));
    }

    @GetMapping("/linkages/{linkageId}/evidence")
    public EvidenceBundles.Bundle linkageEvidence(@PathVariable LinkageId linkageId,
                                                  @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at) {
        linkageState(linkageId.value(), asked(at, "at"), null); // 404 for an unknown linkage
        return evidence.forLinkage(linkageId.value(), at.toInstant());
    }

    @GetMapping(value = "/linkages/{linkageId}/evidence.html", produces = MediaType.TEXT_HTML_VALUE)
    public String linkageEvidenceHtml(@PathVariable LinkageId linkageId,
                                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at) {
        return EvidenceHtml.render(linkageEvidence(linkageId, at), at.getOffset());
    }

    public record AccountState(String accountId, Instant at, List<LinkageState> linkages) {
    }

    @GetMapping("/accounts/{accountId}/evidence")
    public EvidenceBundles.Bundle accountEvidence(@PathVariable AccountId accountId,
                                                  @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at) {
        Instant instant = asked(at, "at");
        requireCurrentIndex(null);
        history.ofAccount(accountId.value()); // 404 for an unknown account
        return evidence.forAccount(accountId.value(), instant);
    }

    @GetMapping(value = "/accounts/{accountId}/evidence.html", produces = MediaType.TEXT_HTML_VALUE)
    public String accountEvidenceHtml(@PathVariable AccountId accountId,
                                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at) {
        return EvidenceHtml.render(accountEvidence(accountId, at), at.getOffset());
    }

    /** An instant a question names lies in the ledger's range, as every instant a command takes does. */
    private static Instant asked(OffsetDateTime at, String name) {
        return requireInRange(at.toInstant(), name);
    }

    /**
     * History, "as of" and evidence read the audit index: while it catches up they would omit events, unless the
     * question is only about what had been recorded by {@code knownBy} (null: everything) and the index has it.
     */
    private void requireCurrentIndex(Instant knownBy) {
        lag.requireCurrent(AuditIndexProjection.PROCESSING_GROUP, "audit index", knownBy);
    }

    @PostMapping("/replays")
    public ResponseEntity<Replays.Replay> startReplay() {
        Replays.Replay replay = replays.start();
        return ResponseEntity.accepted().location(URI.create("/api/v1/audit/replays/" + replay.replayId())).body(replay);
    }

    @GetMapping("/replays/{replayId}")
    public Replays.Replay replay(@PathVariable String replayId) {
        return replays.get(replayId).orElseThrow(() -> new NotFoundException("REPLAY_NOT_FOUND", "No replay '" + replayId + "'."));
    }
}
