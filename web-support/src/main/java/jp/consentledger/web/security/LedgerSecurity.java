package jp.consentledger.web.security;

import jp.consentledger.kernel.ids.Identifiers;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The filter chain both sides build, around each side's own endpoint rules: HTTP Basic always
 * (staff users from configuration, providers with their issued secret); with
 * {@code ledger.security.jwt.enabled} (the jwt profile) also bearer JWTs whose roles claim names
 * the same roles. Error page, API docs and health are open; other actuator endpoints are for
 * MONITORING; whatever the side's rules leave out needs authentication. Stateless: no session, no
 * cookie, so no CSRF to guard against.
 */
public final class LedgerSecurity {
    /** A side's rules for its own endpoints, in the order they are tried. */
    public interface EndpointRules
            extends Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> {
    }

    private LedgerSecurity() {
    }

    public static SecurityFilterChain filterChain(HttpSecurity http, SecurityProperties properties,
                                                  Function<String, Optional<LedgerUsers.ProviderCredential>> providers,
                                                  EndpointRules endpointRules) throws Exception {
        return filterChain(http, properties, providers, new BCryptPasswordEncoder(), endpointRules);
    }

    /**
     * {@code providerSecrets} checks a provider's presented secret against its
     * {@link LedgerUsers.ProviderCredential#password()} (which carries no {@code {id}} prefix): a bcrypt
     * hash where the secrets are kept, or another way where they are not (docs/provider-credentials.md).
     */
    public static SecurityFilterChain filterChain(HttpSecurity http, SecurityProperties properties,
                                                  Function<String, Optional<LedgerUsers.ProviderCredential>> providers,
                                                  PasswordEncoder providerSecrets,
                                                  EndpointRules endpointRules) throws Exception {
        return configure(http, properties, providers, providerSecrets, endpointRules).build();
    }

    /**
     * The same configuration, left unbuilt for a chain that differs in one respect (the browser console turns
     * CSRF protection back on, since a browser replays remembered Basic credentials on any site's form post).
     */
    public static HttpSecurity configure(HttpSecurity http, SecurityProperties properties,
                                         Function<String, Optional<LedgerUsers.ProviderCredential>> providers,
                                         PasswordEncoder providerSecrets,
                                         EndpointRules endpointRules) throws Exception {
        ProblemAuthenticationHandlers problems = new ProblemAuthenticationHandlers(properties.jwt().enabled());
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authenticationProvider(authenticationProvider(properties, providers, providerSecrets))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/error").permitAll()
                            .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                            .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                            .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(Role.MONITORING.name());
                    endpointRules.customize(requests);
                    requests.anyRequest().authenticated();
                });
        if (properties.jwt().enabled()) {
            http.oauth2ResourceServer(resource -> resource
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(jwtRoles(properties.jwt()))));
        }
        return http;
    }

    private static DaoAuthenticationProvider authenticationProvider(
            SecurityProperties properties, Function<String, Optional<LedgerUsers.ProviderCredential>> providers,
            PasswordEncoder providerSecrets) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new LedgerUsers(properties, providers));
        DelegatingPasswordEncoder hashes = (DelegatingPasswordEncoder) PasswordEncoderFactories.createDelegatingPasswordEncoder();
        hashes.setDefaultPasswordEncoderForMatches(providerSecrets); // providers' stored passwords carry no {id}
        provider.setPasswordEncoder(new VerifiedCredentialCache(hashes, properties.credentialCacheTtl(),
                properties.credentialCacheSize()));
        return provider;
    }

    /**
     * The roles claim (a list, or a space-separated string) mapped to the ledger's roles; unknown
     * names are ignored. PROVIDER counts only with a valid provider id claim, which then names the
     * principal, so every check by provider id works alike for secrets and tokens.
     */
    static Converter<Jwt, AbstractAuthenticationToken> jwtRoles(SecurityProperties.Jwt claims) {
        return jwt -> {
            Object claim = jwt.getClaims().get(claims.rolesClaim());
            List<String> names = claim instanceof String s ? Arrays.asList(s.trim().split("\\s+"))
                    : claim instanceof Collection<?> c ? c.stream().map(String::valueOf).toList() : List.of();
            String providerId = jwt.getClaimAsString(claims.providerClaim());
            boolean validProvider = providerId != null && isBankId(providerId);
            List<GrantedAuthority> authorities = new ArrayList<>();
            Set<String> known = Set.copyOf(Arrays.stream(Role.values()).map(Role::name).toList());
            for (String name : names) {
                if (known.contains(name) && (!Role.PROVIDER.name().equals(name) || validProvider)) {
                    authorities.add(new SimpleGrantedAuthority(Role.valueOf(name).authority()));
                }
            }
            boolean isProvider = authorities.stream().anyMatch(a -> Role.PROVIDER.authority().equals(a.getAuthority()));
            return new JwtAuthenticationToken(jwt, authorities, isProvider ? providerId
                    : Objects.requireNonNullElse(jwt.getSubject(), ""));
        };
    }

    private static boolean isBankId(String value) {
        try {
            Identifiers.requireBankId(value, "provider_id");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
