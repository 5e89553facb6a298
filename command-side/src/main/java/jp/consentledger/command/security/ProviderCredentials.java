package jp.consentledger.command.security;

import jp.consentledger.command.infrastructure.CommandLookups;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderStatus;
import jp.consentledger.web.security.LedgerUsers;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Providers' secret hashes for authentication on this side, kept with the other command lookups
 * (same subscribing processor, same transaction as the registration event); the standing comes
 * from the provider directory.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
class ProviderCredentials {
    private final JdbcClient jdbc;

    ProviderCredentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProviderRegisteredEvent event) {
        jdbc.sql("INSERT INTO cmd_provider_credential (provider_id, secret_hash) VALUES (?, ?)")
                .params(event.providerId().value(), event.secretHash()).update();
    }

    Optional<LedgerUsers.ProviderCredential> find(String providerId) {
        return jdbc.sql("SELECT c.secret_hash, d.status FROM cmd_provider_credential c"
                        + " JOIN cmd_provider_directory d ON d.provider_id = c.provider_id WHERE c.provider_id = ?")
                .param(providerId)
                .query((rs, n) -> new LedgerUsers.ProviderCredential(rs.getString(1),
                        ProviderStatus.TERMINATED.name().equals(rs.getString(2))))
                .optional();
    }
}
