package jp.consentledger.command.security;

import jp.consentledger.command.credential.ProviderCredentialStore;
import jp.consentledger.web.security.LedgerSecurity;
import jp.consentledger.web.security.Role;
import jp.consentledger.web.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may send which command (API.md): operators every command except a provider's revocation
 * request, which only providers send (for their own linkages: see LinkageController), and the
 * question which credential a provider's secret is, which a provider (or a query node passing its
 * login on) asks for itself.
 * The rest (authentication, open docs and health, monitoring) is {@link LedgerSecurity}'s.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain ledgerSecurity(HttpSecurity http, SecurityProperties properties,
                                       ProviderCredentialStore providerCredentials) throws Exception {
        return LedgerSecurity.filterChain(http, properties, providerCredentials::login, requests -> requests
                .requestMatchers(HttpMethod.GET, "/").permitAll() // the landing page
                .requestMatchers(HttpMethod.POST, "/api/v1/linkages/*/revocation-requests").hasRole(Role.PROVIDER.name())
                .requestMatchers(HttpMethod.GET, "/api/v1/providers/*/credentials/current")
                .hasAnyRole(Role.PROVIDER.name(), Role.OPERATOR.name())
                .requestMatchers("/api/**").hasRole(Role.OPERATOR.name()));
    }
}
