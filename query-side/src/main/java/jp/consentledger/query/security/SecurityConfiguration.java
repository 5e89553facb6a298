package jp.consentledger.query.security;

import jp.consentledger.web.security.LedgerSecurity;
import jp.consentledger.web.security.Role;
import jp.consentledger.web.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may read what (API.md): the gateway checks tokens; providers read their own linkages (see
 * LinkageQueryController); staff (operator, auditor, dispute handler) read every linkage; the
 * audit endpoints belong to auditors and dispute handlers, verification and replays to auditors
 * alone. Anything else under /api is for staff.
 * The rest (authentication, open docs and health, monitoring) is {@link LedgerSecurity}'s.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain ledgerSecurity(HttpSecurity http, SecurityProperties properties,
                                       ProviderCredentials providerCredentials) throws Exception {
        return LedgerSecurity.filterChain(http, properties, providerCredentials::find, requests -> requests
                .requestMatchers(HttpMethod.POST, "/api/v1/token-checks").hasRole(Role.GATEWAY.name())
                .requestMatchers("/api/v1/audit/verification", "/api/v1/audit/verification/**",
                        "/api/v1/audit/replays", "/api/v1/audit/replays/**").hasRole(Role.AUDITOR.name())
                .requestMatchers("/api/v1/audit/**").hasAnyRole(Role.AUDITOR.name(), Role.DISPUTE_HANDLER.name())
                .requestMatchers(HttpMethod.GET, "/api/v1/linkages/*", "/api/v1/providers/*/linkages")
                .hasAnyRole(Role.PROVIDER.name(), Role.OPERATOR.name(), Role.AUDITOR.name(), Role.DISPUTE_HANDLER.name())
                .requestMatchers("/api/**").hasAnyRole(Role.OPERATOR.name(), Role.AUDITOR.name(), Role.DISPUTE_HANDLER.name()));
    }
}
