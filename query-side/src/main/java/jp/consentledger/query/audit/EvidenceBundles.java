package jp.consentledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.kernel.provider.LegacyProviderRegistration;
import jp.consentledger.query.audit.AuditHistory.Entry;
import jp.consentledger.query.infrastructure.NotReadyException;
import jp.consentledger.query.role.FullNode;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Evidence for a linkage or an account at an instant: the events (their exact stored bytes and hash
 * links), each one's inclusion proof in the signed Merkle log, the checkpoint that signs the log, and the
 * state derived from them. With only the ledger's public key, the evidence-verifier checks it offline.
 * The stored bytes of an event that holds secret material (a provider registration recorded with its
 * secret's hash) are withheld ({@code payloadBase64} null): the event's chain hash is still proven in the
 * signed tree, its readable payload is shown without the hash (docs/provider-credentials.md).
 */
@FullNode
@Component
public class EvidenceBundles {
    public static final String FORMAT = "consent-ledger/evidence/v1";

    private final AuditHistory history;
    private final Reconstruction reconstruction;
    private final AuditLog log;
    private final EventRows rows;
    private final CheckpointSigner signer;
    private final Clock clock;

    public EvidenceBundles(AuditHistory history, Reconstruction reconstruction, AuditLog log, EventRows rows,
                           CheckpointSigner signer, Clock clock) {
        this.history = history;
        this.reconstruction = reconstruction;
        this.log = log;
        this.rows = rows;
        this.signer = signer;
        this.clock = clock;
    }

    public record Subject(String kind, String id) {
    }

    public record SignedCheckpoint(long treeSize, long lastGlobalIndex, String rootHash, String signedAt, String keyId,
                                   String algorithm, String signature) {
    }

    /** One event as stored (every column the chain covers) with its links and its inclusion proof. */
    public record EvidenceEvent(long position, long leafIndex, String eventId, String aggregateId, long sequenceNumber,
                                String aggregateType, String timeStamp, String payloadType, String payloadRevision,
                                String payloadBase64, String metaDataBase64, String previousHash, String chainHash,
                                String type, Instant occurredAt, Instant recordedAt, JsonNode payload,
                                List<String> inclusionProof) {
    }

    public record Bundle(String format, Subject subject, Instant at, Instant generatedAt, String publicKey,
                         SignedCheckpoint checkpoint, List<EvidenceEvent> events, Object derivedState) {
    }

    public Bundle forLinkage(String linkageId, Instant at) {
        AuditHistory.LinkageRef ref = history.linkage(linkageId).orElseThrow();
        List<Entry> entries = history.ofLinkage(linkageId);
        Reconstruction.Folded folded = reconstruction.fold(entries, Reconstruction.asOf(at, null), at);
        LinkageState state = LinkageState.of(linkageId, ref, folded, at, null);
        return bundle(new Subject("linkage", linkageId), at, entries, state);
    }

    public Bundle forAccount(String accountId, Instant at, Object derivedState) {
        return bundle(new Subject("account", accountId), at, history.ofAccount(accountId), derivedState);
    }

    private Bundle bundle(Subject subject, Instant at, List<Entry> entries, Object state) {
        List<Entry> relevant = entries.stream().filter(Reconstruction.asOf(at, null)).toList();
        AuditLog.Checkpoint checkpoint = log.checkpoint();
        if (checkpoint == null || relevant.stream().anyMatch(e -> e.position() > checkpoint.lastGlobalIndex())) {
            throw new NotReadyException("Some of these events are not yet in a signed checkpoint (they settle for a"
                    + " few seconds first); retry in a moment.");
        }
        List<EvidenceEvent> events = relevant.stream().map(e -> event(e, checkpoint.treeSize())).toList();
        return new Bundle(FORMAT, subject, at, clock.instant(), signer.publicKeyBase64(),
                new SignedCheckpoint(checkpoint.treeSize(), checkpoint.lastGlobalIndex(), checkpoint.rootHash(),
                        checkpoint.signedAt(), checkpoint.keyId(), "Ed25519", checkpoint.signature()),
                events, state);
    }

    private EvidenceEvent event(Entry entry, long treeSize) {
        EventRows.Row row = rows.at(entry.position()).orElseThrow(() -> new IllegalStateException(
                "The event at position " + entry.position() + " is indexed but missing from the store; run the verification."));
        AuditLog.Leaf leaf = log.leafOf(entry.position()).orElseThrow();
        Base64.Encoder base64 = Base64.getEncoder();
        boolean withheld = LegacyProviderRegistration.storedWithSecret(row.event().payloadType(), row.event().payloadRevision());
        return new EvidenceEvent(row.globalIndex(), leaf.leafIndex(), row.event().eventIdentifier(),
                row.event().aggregateIdentifier(), row.event().sequenceNumber(), row.event().type(),
                row.event().timeStamp(), row.event().payloadType(), row.event().payloadRevision(),
                withheld ? null : base64.encodeToString(row.event().payload()),
                row.event().metaData() == null ? null : base64.encodeToString(row.event().metaData()),
                row.previousHash(), row.chainHash(), entry.type(), entry.occurredAt(), entry.recordedAt(),
                entry.payload(), log.inclusionPath(leaf.leafIndex(), treeSize));
    }
}
