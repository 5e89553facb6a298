package jp.consentledger.query.security;

import jp.consentledger.web.security.LedgerSecurity;
import jp.consentledger.web.security.LedgerUsers;
import jp.consentledger.web.security.Role;
import jp.consentledger.web.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * The browser console and the landing page: the same users, roles and HTTP Basic as the API, with two
 * differences a browser needs. CSRF protection is on (a browser replays remembered Basic credentials on any
 * site's form post; the token sits in a cookie, as the ledger keeps no session), and a refused page is a
 * short page, not problem JSON. Audit pages are the auditors' and dispute handlers', the auditor's desk the
 * auditors', actions the operators'; a provider sees its own linkages; a gateway user nothing.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {
    private static final String[] STAFF = {Role.OPERATOR.name(), Role.AUDITOR.name(), Role.DISPUTE_HANDLER.name()};
    /** Both languages at once: the locale is resolved later, in Spring MVC, which a refused request never reaches. */
    private static final String FORBIDDEN_PAGE = """
            <!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>403</title></head><body>
            <h1 id="forbidden">403</h1>
            <p lang="ja">このコンソールはあなたのロールでは利用できません。</p>
            <p lang="en">Your role has no access to this part of the console.</p>
            <p><a href="/">/</a></p></body></html>
            """;

    @Bean
    @Order(1) // before the API's chain, which matches every other request
    SecurityFilterChain consoleSecurity(HttpSecurity http, SecurityProperties properties,
                                        Optional<ProviderCredentials> providerCredentials,
                                        Optional<CommandSideSecretCheck> secretCheck) throws Exception {
        Function<String, Optional<LedgerUsers.ProviderCredential>> providers =
                providerId -> providerCredentials.flatMap(credentials -> credentials.find(providerId));
        http.securityMatcher("/", "/console", "/console/**");
        LedgerSecurity.configure(http, properties, providers, SecurityConfiguration.providerSecrets(secretCheck), requests -> requests
                .requestMatchers(HttpMethod.GET, "/", "/console/assets/**").permitAll()
                .requestMatchers("/console/auditor", "/console/auditor/**").hasRole(Role.AUDITOR.name())
                .requestMatchers("/console/audit/**").hasAnyRole(Role.AUDITOR.name(), Role.DISPUTE_HANDLER.name())
                .requestMatchers("/console/actions/**").hasRole(Role.OPERATOR.name())
                .requestMatchers("/console/accounts/**", "/console/customers/**", "/console/find/token",
                        "/console/breaches", "/console/breaches/**").hasAnyRole(STAFF)
                .requestMatchers("/console", "/console/**").hasAnyRole(Role.OPERATOR.name(), Role.AUDITOR.name(),
                        Role.DISPUTE_HANDLER.name(), Role.PROVIDER.name()));
        // Loaded on every request, not when a form first asks for it: by then the page may be streaming out, too
        // late for the token's cookie. Kept across sign-ins: HTTP Basic signs in on every request, and a token
        // replaced at each one would refuse every form.
        XorCsrfTokenRequestAttributeHandler tokens = new XorCsrfTokenRequestAttributeHandler();
        tokens.setCsrfRequestAttributeName(null);
        http.csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository()).csrfTokenRequestHandler(tokens)
                .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()));
        http.exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) -> {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(FORBIDDEN_PAGE);
        }));
        return http.build();
    }
}
