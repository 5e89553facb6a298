package jp.consentledger.query.audit.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.kernel.audit.EventSubjects;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.provider.LegacyProviderRegistration;
import jp.consentledger.query.audit.asof.AccountState;
import jp.consentledger.query.audit.asof.Reconstruction;
import jp.consentledger.query.audit.index.AuditHistory;
import jp.consentledger.query.audit.index.AuditHistory.Entry;
import jp.consentledger.query.audit.index.EventRows;
import jp.consentledger.query.audit.integrity.AuditLog;
import jp.consentledger.query.audit.integrity.CheckpointSigner;
import jp.consentledger.query.audit.integrity.subjects.StoredEvents;
import jp.consentledger.query.audit.integrity.subjects.SubjectIndex;
import jp.consentledger.query.infrastructure.NotReadyException;
import jp.consentledger.query.role.FullNode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evidence for a linkage or an account at an instant (format v2, docs/audit-evidence.md): every event of every
 * subject its state rests on (the subject, its account or linkages, providers, the service, the terms, the
 * suspension windows and breaches they name) up to a signed checkpoint, with their stored bytes, inclusion proofs
 * and, per subject, the signed subject index's entry and its proof, so that the bundle shows it holds them all;
 * and the state it concludes, folded from exactly those events by the kernel's one rule, which the
 * evidence-verifier folds again.
 * The stored bytes of an event that holds secret material (a provider registration recorded with its
 * secret's hash) are withheld ({@code payloadBase64} null): its chain hash is still proven in the signed tree
 * and its subject index, its readable payload is shown without the hash (docs/provider-credentials.md).
 */
@FullNode
@Component
public class EvidenceBundles {
    public static final String FORMAT = "consent-ledger/evidence/v2";
    private static final int ATTEMPTS = 3;

    private final AuditLog log;
    private final Reconstruction reconstruction;
    private final SubjectIndex subjects;
    private final EventRows rows;
    private final CheckpointSigner signer;
    private final Clock clock;

    public EvidenceBundles(AuditLog log, Reconstruction reconstruction, SubjectIndex subjects, EventRows rows,
                           CheckpointSigner signer, Clock clock) {
        this.log = log;
        this.reconstruction = reconstruction;
        this.subjects = subjects;
        this.rows = rows;
        this.signer = signer;
        this.clock = clock;
    }

    public record Subject(String kind, String id) {
    }

    /** The key the checkpoint names, as the ledger publishes it (the verifier trusts only the key it is given). */
    public record SigningKey(String keyId, String algorithm, String publicKey) {
    }

    public record SignedCheckpoint(String statement, long treeSize, long lastGlobalIndex, String rootHash,
                                   String subjectRoot, String signedAt, String keyId, String algorithm, String signature) {
    }

    /** One event as stored (every column the chain covers) with its links and its inclusion proof. */
    public record EvidenceEvent(long position, long leafIndex, String eventId, String aggregateId, long sequenceNumber,
                                String aggregateType, String timeStamp, String payloadType, String payloadRevision,
                                String payloadBase64, String metaDataBase64, String previousHash, String chainHash,
                                int chainLayout, String type, Instant occurredAt, Instant recordedAt, JsonNode payload,
                                List<String> inclusionProof) {
    }

    /** A subject's events (by position), its signed index entry (count, chain head) and that entry's proof. */
    public record SubjectEvidence(String key, long eventCount, String head, List<Long> positions, SubjectIndex.Proof proof) {
    }

    public record Bundle(String format, Subject subject, Instant at, Instant generatedAt, SigningKey signingKey,
                         SignedCheckpoint checkpoint, List<EvidenceEvent> events, List<SubjectEvidence> subjects,
                         Object derivedState) {
    }

    /** What the bundle concludes, from its own events (oldest first). */
    interface Conclusion {
        Object from(List<Entry> events, Instant at);
    }

    public Bundle forLinkage(LinkageId linkageId, Instant at) {
        return bundle(new Subject("linkage", linkageId.value()), EventSubjects.linkage(linkageId.value()), at,
                (events, instant) -> reconstruction.linkageFrom(linkageId, events, instant));
    }

    public Bundle forAccount(AccountId accountId, Instant at) {
        return bundle(new Subject("account", accountId.value()), EventSubjects.account(accountId.value()), at,
                (events, instant) -> AccountState.from(accountId, events, instant, reconstruction));
    }

    /**
     * Against a checkpoint signed now over every settled event (the latest one if nothing is new) and the subject
     * index as it stands at it; read again if another node extended the log meanwhile.
     */
    private Bundle bundle(Subject subject, String key, Instant at, Conclusion conclusion) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                log.checkpoint();
            } catch (DuplicateKeyException e) {
                continue; // another query node extended the log at the same moment: read again
            }
            AuditLog.Checkpoint checkpoint = log.latest().orElse(null);
            long folded = subjects.size();
            if (checkpoint == null || checkpoint.subjectRoot() == null || checkpoint.treeSize() != folded) {
                continue;
            }
            Bundle bundle = assemble(subject, key, at, checkpoint, conclusion);
            if (subjects.size() == folded) {
                return bundle;
            }
        }
        throw new NotReadyException("The signed log is being extended; retry in a moment.");
    }

    private record Held(EventRows.Row row, Object payload, Entry entry) {
    }

    private Bundle assemble(Subject subject, String key, Instant at, AuditLog.Checkpoint checkpoint, Conclusion conclusion) {
        Map<String, List<Long>> positions = new TreeMap<>();
        Map<Long, Held> held = new TreeMap<>();
        Set<String> required = EventSubjects.required(key, List.of());
        while (!positions.keySet().containsAll(required)) {
            for (String needed : required) {
                positions.computeIfAbsent(needed, k -> {
                    List<Long> found = subjects.positions(k);
                    found.forEach(p -> held.computeIfAbsent(p, this::held));
                    return found;
                });
            }
            required = EventSubjects.required(key, held.values().stream().map(Held::payload).toList());
        }
        if (positions.get(key).isEmpty()) {
            throw new NotReadyException("The " + subject.kind() + "'s events are not yet in the signed log (they settle for"
                    + " a few seconds first); retry in a moment.");
        }
        List<EvidenceEvent> events = held.values().stream().map(h -> event(h, checkpoint.treeSize())).toList();
        List<SubjectEvidence> proofs = new ArrayList<>();
        positions.forEach((k, p) -> {
            SubjectIndex.Entry entry = subjects.entry(k).orElse(new SubjectIndex.Entry(k, 0, "0".repeat(64)));
            proofs.add(new SubjectEvidence(k, entry.eventCount(), entry.head(), p, subjects.proof(k)));
        });
        Object state = conclusion.from(held.values().stream().map(Held::entry).toList(), at);
        return new Bundle(FORMAT, subject, at, clock.instant(),
                new SigningKey(checkpoint.keyId(), "Ed25519", signer.publishedKeys().stream()
                        .filter(k -> k.keyId().equals(checkpoint.keyId())).findFirst().map(k -> k.publicKey()).orElse(null)),
                new SignedCheckpoint("consent-ledger/checkpoint/v2", checkpoint.treeSize(), checkpoint.lastGlobalIndex(),
                        checkpoint.rootHash(), checkpoint.subjectRoot(), checkpoint.signedAt(), checkpoint.keyId(),
                        "Ed25519", checkpoint.signature()),
                events, proofs, state);
    }

    private Held held(long position) {
        EventRows.Row row = rows.at(position).orElseThrow(() -> new IllegalStateException(
                "The event at position " + position + " is in the signed log but missing from the store; run the verification."));
        Object payload = StoredEvents.payload(row.event().payloadType(), row.event().payload());
        return new Held(row, payload, AuditHistory.entryOf(row, payload));
    }

    private EvidenceEvent event(Held held, long treeSize) {
        EventRows.Row row = held.row();
        Entry entry = held.entry();
        AuditLog.Leaf leaf = log.leafOf(entry.position()).orElseThrow();
        Base64.Encoder base64 = Base64.getEncoder();
        boolean withheld = LegacyProviderRegistration.storedWithSecret(row.event().payloadType(), row.event().payloadRevision());
        return new EvidenceEvent(row.globalIndex(), leaf.leafIndex(), row.event().eventIdentifier(),
                row.event().aggregateIdentifier(), row.event().sequenceNumber(), row.event().type(),
                row.event().timeStamp(), row.event().payloadType(), row.event().payloadRevision(),
                withheld ? null : base64.encodeToString(row.event().payload()),
                row.event().metaData() == null ? null : base64.encodeToString(row.event().metaData()),
                row.previousHash(), row.chainHash(), row.layout(), entry.type(), entry.occurredAt(), entry.recordedAt(),
                entry.payload(), log.inclusionPath(leaf.leafIndex(), treeSize));
    }
}
