package jp.consentledger.web.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No Spring Security observations: with a registry present it wraps every filter of the chain, the
 * authentication and the authorization in an observation of its own, which made up the largest
 * share of a token check's CPU (the gateway calls it for every API call). Requests are still
 * observed as a whole by {@code http.server.requests}, and refusals are counted there by status.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityObservations {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
