package jp.consentledger.query.security;

import jp.consentledger.query.role.FullNode;
import jp.consentledger.web.security.LedgerUsers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Providers' current credential ids and standing, from the linkage directory's provider table: no
 * secret and no hash (the events hold none). The presented secret is checked by {@link CommandSideSecretCheck}.
 */
@FullNode
@Component
class ProviderCredentials {
    private final JdbcClient jdbc;

    ProviderCredentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<LedgerUsers.ProviderCredential> find(String providerId) {
        return jdbc.sql("SELECT credential_id, status FROM read_model.rm_provider WHERE provider_id = ?")
                .param(providerId)
                .query((rs, n) -> new LedgerUsers.ProviderCredential(providerId + ":" + rs.getString(1),
                        "TERMINATED".equals(rs.getString(2))))
                .optional();
    }
}
