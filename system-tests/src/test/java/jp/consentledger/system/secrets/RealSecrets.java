package jp.consentledger.system.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Freshly drawn secrets for a ledger started under a profile (which refuses the published demo values),
 * written to files as container secrets are mounted and passed as {@code LEDGER_..._FILE} arguments.
 */
public final class RealSecrets {
    private RealSecrets() {
    }

    /** Arguments for both sides: each secret in its own file under {@code dir}, named by its _FILE variable. */
    public static List<String> asFileArguments(Path dir) {
        try {
            SecureRandom random = new SecureRandom();
            byte[] hmac = new byte[48];
            byte[] aes = new byte[32];
            random.nextBytes(hmac);
            random.nextBytes(aes);
            KeyPair signing = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            return List.of(
                    file(dir, "LEDGER_TOKEN_HMAC_SECRET", base64.encodeToString(hmac)),
                    file(dir, "LEDGER_IDEMPOTENCY_ENCRYPTION_KEY", base64.encodeToString(aes)),
                    file(dir, "LEDGER_AUDIT_SIGNING_PRIVATE_KEY", base64.encodeToString(signing.getPrivate().getEncoded())),
                    file(dir, "LEDGER_AUDIT_SIGNING_PUBLIC_KEY", base64.encodeToString(signing.getPublic().getEncoded())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String file(Path dir, String variable, String value) {
        try {
            Path file = Files.createDirectories(dir).resolve(variable.toLowerCase());
            Files.writeString(file, value + "\n"); // as `echo` or a mounted secret leaves it
            return "--" + variable + "_FILE=" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
