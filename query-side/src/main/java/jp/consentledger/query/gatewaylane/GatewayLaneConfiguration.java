package jp.consentledger.query.gatewaylane;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jp.consentledger.query.introspection.TokenIntrospectionController;
import jp.consentledger.query.tokencheck.TokenCheckController;
import jp.consentledger.web.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;

/** The gateway's lane ({@link GatewayLane}), just ahead of Spring Security's filter chain. */
@Configuration(proxyBeanMethods = false)
public class GatewayLaneConfiguration {
    /** Before Spring Security's filter chain (spring.security.filter.order, -100 by default). */
    private static final int BEFORE_SECURITY = -101;

    /** Hands the lane the manager the chain was built with; called by the security configuration. */
    public interface Credentials {
        void authenticateWith(AuthenticationManager manager);
    }

    @Bean
    GatewayLane gatewayLane(TokenCheckController checks, TokenIntrospectionController introspection, ObjectMapper json,
                            SecurityProperties security) {
        return new GatewayLane(checks, introspection, json, security.jwt().enabled());
    }

    @Bean
    Credentials gatewayLaneCredentials(GatewayLane lane) {
        return lane::authenticateWith;
    }

    @Bean
    FilterRegistrationBean<Filter> gatewayLaneRegistration(GatewayLane lane) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(lane);
        registration.addUrlPatterns(GatewayLane.CHECKS, GatewayLane.INTROSPECTION);
        registration.setOrder(BEFORE_SECURITY);
        return registration;
    }
}
