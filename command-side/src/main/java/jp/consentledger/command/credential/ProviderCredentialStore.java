package jp.consentledger.command.credential;

import jp.consentledger.command.lookup.CommandLookups;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.provider.ProviderCredentialId;
import jp.consentledger.kernel.provider.ProviderCredentialRotatedEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderStatus;
import jp.consentledger.web.security.LedgerUsers;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Providers' secrets, as bcrypt hashes, keyed by provider and credential id: the only place the ledger
 * keeps anything derived from a secret. A new secret's hash is written {@code PENDING} before the command
 * that names it; the event that records the issue (registration or rotation) makes it {@code CURRENT} and
 * deletes the one it replaces, in the command's transaction (same subscribing processor as the other
 * command lookups). A pending row whose command was refused is deleted; one left by a crash is never
 * current, so it admits no one.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class ProviderCredentialStore {
    private static final int SECRET_BYTES = 32;
    private static final int CREDENTIAL_ID_BYTES = 12;

    private final JdbcClient jdbc;
    private final PasswordEncoder secretHasher;
    private final SecureRandom random = new SecureRandom();

    public ProviderCredentialStore(JdbcClient jdbc, PasswordEncoder secretHasher) {
        this.jdbc = jdbc;
        this.secretHasher = secretHasher;
    }

    /** A secret shown once to the caller, and the id events know it by. */
    public record Issued(ProviderCredentialId credentialId, String secret) {
        @Override
        public String toString() {
            return "Issued[credentialId=" + credentialId.value() + "]"; // never print the secret
        }
    }

    /** Draws a secret (256 bits) and an id, and keeps the secret's hash as pending. */
    public Issued issue(ProviderId providerId) {
        String secret = randomText(SECRET_BYTES);
        ProviderCredentialId credentialId = new ProviderCredentialId("cred-" + randomText(CREDENTIAL_ID_BYTES));
        jdbc.sql("INSERT INTO cmd_provider_secret (provider_id, credential_id, secret_hash, state) VALUES (?, ?, ?, 'PENDING')")
                .params(providerId.value(), credentialId.value(), secretHasher.encode(secret)).update();
        return new Issued(credentialId, secret);
    }

    /** Forgets a pending secret whose command was not recorded. */
    public void discard(ProviderId providerId, ProviderCredentialId credentialId) {
        jdbc.sql("DELETE FROM cmd_provider_secret WHERE provider_id = ? AND credential_id = ? AND state = 'PENDING'")
                .params(providerId.value(), credentialId.value()).update();
    }

    @EventHandler
    void on(ProviderRegisteredEvent event) {
        makeCurrent(event.providerId(), event.credentialId());
    }

    @EventHandler
    void on(ProviderCredentialRotatedEvent event) {
        makeCurrent(event.providerId(), event.credentialId());
    }

    private void makeCurrent(ProviderId providerId, ProviderCredentialId credentialId) {
        jdbc.sql("DELETE FROM cmd_provider_secret WHERE provider_id = ? AND state = 'CURRENT' AND credential_id <> ?")
                .params(providerId.value(), credentialId.value()).update();
        jdbc.sql("UPDATE cmd_provider_secret SET state = 'CURRENT' WHERE provider_id = ? AND credential_id = ?")
                .params(providerId.value(), credentialId.value()).update();
    }

    /** The current secret's hash and whether the provider's contract has ended, for HTTP Basic. */
    public Optional<LedgerUsers.ProviderCredential> login(String providerId) {
        return jdbc.sql("SELECT s.secret_hash, d.status FROM cmd_provider_secret s"
                        + " JOIN cmd_provider_directory d ON d.provider_id = s.provider_id"
                        + " WHERE s.provider_id = ? AND s.state = 'CURRENT'")
                .param(providerId)
                .query((rs, n) -> new LedgerUsers.ProviderCredential(rs.getString(1),
                        ProviderStatus.TERMINATED.name().equals(rs.getString(2))))
                .optional();
    }

    public Optional<ProviderCredentialId> current(ProviderId providerId) {
        return jdbc.sql("SELECT credential_id FROM cmd_provider_secret WHERE provider_id = ? AND state = 'CURRENT'")
                .param(providerId.value())
                .query((rs, n) -> new ProviderCredentialId(rs.getString(1)))
                .optional();
    }

    private String randomText(int bytes) {
        byte[] drawn = new byte[bytes];
        random.nextBytes(drawn);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(drawn);
    }
}
