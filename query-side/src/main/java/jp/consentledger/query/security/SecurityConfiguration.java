package jp.consentledger.query.security;

import jp.consentledger.web.security.LedgerSecurity;
import jp.consentledger.web.security.LedgerUsers;
import jp.consentledger.web.security.Role;
import jp.consentledger.web.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

import java.util.Optional;
import java.util.function.Function;

/**
 * Who may read what (API.md): the gateway checks tokens; providers read their own linkages (see
 * LinkageQueryController); staff (operator, auditor, dispute handler) read every linkage; the
 * audit endpoints belong to auditors and dispute handlers, verification and replays to auditors
 * alone. Anything else under /api is for staff.
 * The rest (authentication, open docs and health, monitoring) is {@link LedgerSecurity}'s.
 * A gateway node has no provider credentials: it keeps no provider directory and serves providers nothing.
 * A full node checks a provider's secret with the command side, which keeps them (CommandSideSecretCheck).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain ledgerSecurity(HttpSecurity http, SecurityProperties properties,
                                       Optional<ProviderCredentials> providerCredentials,
                                       Optional<CommandSideSecretCheck> secretCheck) throws Exception {
        Function<String, Optional<LedgerUsers.ProviderCredential>> providers =
                providerId -> providerCredentials.flatMap(credentials -> credentials.find(providerId));
        PasswordEncoder providerSecrets = secretCheck.<PasswordEncoder>map(check -> check)
                .orElseGet(NoProviderSecrets::new);
        return LedgerSecurity.filterChain(http, properties, providers, providerSecrets, requests -> requests
                .requestMatchers(HttpMethod.POST, "/api/v1/token-checks").hasRole(Role.GATEWAY.name())
                .requestMatchers("/api/v1/audit/verification", "/api/v1/audit/verification/**",
                        "/api/v1/audit/replays", "/api/v1/audit/replays/**").hasRole(Role.AUDITOR.name())
                .requestMatchers("/api/v1/audit/**").hasAnyRole(Role.AUDITOR.name(), Role.DISPUTE_HANDLER.name())
                .requestMatchers(HttpMethod.GET, "/api/v1/linkages/*", "/api/v1/providers/*/linkages")
                .hasAnyRole(Role.PROVIDER.name(), Role.OPERATOR.name(), Role.AUDITOR.name(), Role.DISPUTE_HANDLER.name())
                .requestMatchers("/api/**").hasAnyRole(Role.OPERATOR.name(), Role.AUDITOR.name(), Role.DISPUTE_HANDLER.name()));
    }

    /** A gateway node's: it finds no provider to check a secret of, and would refuse one if it did. */
    private static final class NoProviderSecrets implements PasswordEncoder {
        @Override
        public String encode(CharSequence rawPassword) {
            throw new UnsupportedOperationException("a gateway node issues no secrets");
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return false;
        }
    }
}
