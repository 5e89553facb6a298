package jp.consentledger.query.console.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.verifier.EvidenceVerifier;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The offline check an auditor runs (the evidence-verifier, which shares no code with the ledger), run here on
 * the bundle's JSON form with the ledger's public key, so the page says whether what it offers would pass.
 */
final class BundleCheck {
    private BundleCheck() {
    }

    static EvidenceVerifier.Report verify(JsonNode bundle, String publicKeyBase64) {
        return EvidenceVerifier.verify(bundle, publicKey(publicKeyBase64));
    }

    private static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ledger.audit.signing.public-key is an Ed25519 key (checked at startup)", e);
        }
    }
}
