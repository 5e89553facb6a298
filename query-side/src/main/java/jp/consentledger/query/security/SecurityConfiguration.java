package jp.consentledger.query.security;

import jp.consentledger.query.gatewaylane.GatewayLaneConfiguration;
import jp.consentledger.web.security.LedgerSecurity;
import jp.consentledger.web.security.LedgerUsers;
import jp.consentledger.web.security.Role;
import jp.consentledger.web.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
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
                                       GatewayLaneConfiguration.Credentials gatewayLane,
                                       Optional<CommandSideSecretCheck> secretCheck) throws Exception {
        Function<String, Optional<LedgerUsers.ProviderCredential>> providers =
                providerId -> providerCredentials.flatMap(credentials -> credentials.find(providerId));
        SecurityFilterChain chain = LedgerSecurity.filterChain(http, properties, providers, providerSecrets(secretCheck), requests -> requests
                .requestMatchers(HttpMethod.POST, "/api/v1/token-checks", "/api/v1/token-introspection").hasRole(Role.GATEWAY.name())
                .requestMatchers("/api/v1/audit/verification", "/api/v1/audit/verification/**",
                        "/api/v1/audit/replays", "/api/v1/audit/replays/**").hasRole(Role.AUDITOR.name())
                // Signing a checkpoint commits the ledger to a tree head: an auditor's act, not a dispute handler's.
                .requestMatchers(HttpMethod.POST, "/api/v1/audit/checkpoints").hasRole(Role.AUDITOR.name())
                .requestMatchers("/api/v1/audit/**").hasAnyRole(Role.AUDITOR.name(), Role.DISPUTE_HANDLER.name())
                .requestMatchers(HttpMethod.GET, "/api/v1/linkages/*", "/api/v1/providers/*/linkages")
                .hasAnyRole(Role.PROVIDER.name(), Role.OPERATOR.name(), Role.AUDITOR.name(), Role.DISPUTE_HANDLER.name())
                .requestMatchers("/api/**").hasAnyRole(Role.OPERATOR.name(), Role.AUDITOR.name(), Role.DISPUTE_HANDLER.name()));
        // The gateway's lane authenticates with the very manager (and credential cache) the chain was built with.
        gatewayLane.authenticateWith(http.getSharedObject(AuthenticationManager.class));
        return chain;
    }

    /** How a provider's secret is checked: with the command side on a full node, never on a gateway node. */
    static PasswordEncoder providerSecrets(Optional<CommandSideSecretCheck> secretCheck) {
        return secretCheck.<PasswordEncoder>map(check -> check).orElseGet(NoProviderSecrets::new);
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
