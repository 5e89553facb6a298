package jp.consentledger.query.security;

import jp.consentledger.query.role.FullNode;
import jp.consentledger.web.security.LedgerUsers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Providers' secret hashes and standing, from the linkage directory's provider table. */
@FullNode
@Component
class ProviderCredentials {
    private final JdbcClient jdbc;

    ProviderCredentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<LedgerUsers.ProviderCredential> find(String providerId) {
        return jdbc.sql("SELECT secret_hash, status FROM read_model.rm_provider WHERE provider_id = ?")
                .param(providerId)
                .query((rs, n) -> new LedgerUsers.ProviderCredential(rs.getString(1), "TERMINATED".equals(rs.getString(2))))
                .optional();
    }
}
