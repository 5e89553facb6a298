package jp.consentledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The keys the person running the verifier trusts, obtained from the ledger out of band: one Ed25519 public key
 * (base64 X.509 or PEM), or the ledger's published key list ({@code GET /api/v1/audit/keys}: every key with the
 * period it signed in), given inline or as a file. Key ids are computed here from the keys, never read.
 */
final class TrustedKeys {
    /** A key and the period [validFrom, validUntil) it signs in; null ends are open. */
    record TrustedKey(String keyId, PublicKey key, Instant validFrom, Instant validUntil) {
        boolean coversSigningAt(Instant signedAt) {
            return (validFrom == null || !signedAt.isBefore(validFrom)) && (validUntil == null || signedAt.isBefore(validUntil));
        }
    }

    private TrustedKeys() {
    }

    static List<TrustedKey> parse(String argument) {
        String text = argument;
        try {
            if (!argument.startsWith("MC") && Files.isRegularFile(Path.of(argument))) {
                text = Files.readString(Path.of(argument));
            }
        } catch (IOException | RuntimeException e) {
            throw new Malformed("cannot read the key file " + argument + ": " + e.getMessage());
        }
        text = text.trim();
        if (text.startsWith("[") || text.startsWith("{")) {
            return fromJson(text);
        }
        return List.of(of(text, null, null));
    }

    static TrustedKey of(PublicKey key) {
        return new TrustedKey(keyIdOf(key), key, null, null);
    }

    private static List<TrustedKey> fromJson(String text) {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Malformed("the key list is not JSON: " + e.getOriginalMessage());
        }
        List<TrustedKey> keys = new ArrayList<>();
        for (JsonNode entry : json.isArray() ? json : List.of(json)) {
            String where = "the key list";
            String from = Json.optionalText(entry, "validFrom", where);
            String until = Json.optionalText(entry, "validUntil", where);
            keys.add(of(Json.text(entry, "publicKey", where), from == null ? null : Json.instant(entry, "validFrom", where),
                    until == null ? null : Json.instant(entry, "validUntil", where)));
        }
        if (keys.isEmpty()) {
            throw new Malformed("the key list holds no key");
        }
        return keys;
    }

    private static TrustedKey of(String base64OrPem, Instant validFrom, Instant validUntil) {
        String base64 = base64OrPem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new TrustedKey(keyIdOf(key), key, validFrom, validUntil);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Malformed("not an Ed25519 public key (base64 X.509): " + abbreviate(base64));
        }
    }

    /** "ed25519:" and the first 16 hex digits of SHA-256 over the key's X.509 encoding. */
    static String keyIdOf(PublicKey key) {
        return "ed25519:" + Hashes.HEX.formatHex(Arrays.copyOf(Hashes.sha256(key.getEncoded()), 8));
    }

    private static String abbreviate(String text) {
        return text.length() > 24 ? text.substring(0, 24) + "…" : text;
    }
}
