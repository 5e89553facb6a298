package jp.consentledger.query.audit.integrity;

import jp.consentledger.query.audit.integrity.keys.PublishedKey;
import jp.consentledger.query.infrastructure.NotFoundException;
import jp.consentledger.query.observability.AuditVerificationStatus;
import jp.consentledger.query.role.FullNode;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The auditors' questions about the record itself (API.md): is it intact, what did the ledger sign, with which keys. */
@FullNode
@RestController
@RequestMapping("/api/v1/audit")
public class IntegrityController {
    private final AuditLog log;
    private final Verification verification;
    private final CheckpointSigner signer;
    private final AuditVerificationStatus verificationStatus;

    public IntegrityController(AuditLog log, Verification verification, CheckpointSigner signer,
                               AuditVerificationStatus verificationStatus) {
        this.log = log;
        this.verification = verification;
        this.signer = signer;
        this.verificationStatus = verificationStatus;
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
}
