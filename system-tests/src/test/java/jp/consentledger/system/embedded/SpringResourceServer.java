package jp.consentledger.system.embedded;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * A bank API as Spring Security builds one, written by no one here: spring-boot-starter-oauth2-resource-server
 * with {@code opaquetoken} introspection pointed at the ledger (Boot's own properties, Spring's own
 * introspector), behind which {@code /balance} needs scope BALANCE. Only the auto-configurations a web
 * resource server needs, so the ledger's classes on this test classpath play no part in it.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class, SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
        OAuth2ResourceServerAutoConfiguration.class})
class SpringResourceServer {

    static ConfigurableApplicationContext start(String introspectionUri, String clientId, String clientSecret) {
        return new SpringApplicationBuilder(SpringResourceServer.class).run(
                "--spring.config.name=no-such-config",
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.level.root=ERROR",
                "--spring.security.oauth2.resourceserver.opaquetoken.introspection-uri=" + introspectionUri,
                "--spring.security.oauth2.resourceserver.opaquetoken.client-id=" + clientId,
                "--spring.security.oauth2.resourceserver.opaquetoken.client-secret=" + clientSecret);
    }

    @Bean
    SecurityFilterChain resources(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.requestMatchers("/balance").hasAuthority("SCOPE_BALANCE")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.opaqueToken(Customizer.withDefaults()))
                .build();
    }

    /** Registered as a member class of this configuration. */
    @RestController
    static class Balance {
        @GetMapping("/balance")
        Map<String, Object> balance(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal) {
            return Map.of("amount", 1000, "provider", principal.getAttribute("client_id"),
                    "linkage", principal.getAttribute("linkage_id"));
        }
    }
}
