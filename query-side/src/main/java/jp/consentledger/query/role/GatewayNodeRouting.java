package jp.consentledger.query.role;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.consentledger.web.problem.ProblemResponses;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * On a gateway node, every read it does not serve (linkages, providers' and accounts' linkages, the
 * audit endpoints) is answered 421 Misdirected Request (RFC 9110 15.5.20: this server cannot answer for
 * that URI, the request may be sent again elsewhere) with a problem saying where to ask. Not 404, which
 * a provider would take for "no such linkage"; not 503, which here means "catching up, retry this node
 * after Retry-After" and would be retried against this node forever.
 * <p>
 * It answers before authentication: the answer is the same for every caller and reveals nothing but
 * the node's role, and a gateway node could not authenticate a provider anyway (the provider directory
 * is a read model it does not keep), so a misrouted provider would otherwise get a misleading 401.
 */
@GatewayNode
@Configuration(proxyBeanMethods = false)
class GatewayNodeRouting {
    static final String CODE = "NOT_SERVED_BY_GATEWAY_NODE";
    /**
     * The full node's read paths (LinkageQueryController, AuditController, BreachQueryController, the console), as
     * servlet prefix patterns.
     */
    static final String[] FULL_NODE_PATHS = {"/api/v1/linkages/*", "/api/v1/providers/*", "/api/v1/accounts/*", "/api/v1/audit/*",
            "/api/v1/breaches/*", "/console/*"};
    /** Before Spring Security's filter chain (spring.security.filter.order, -100 by default). */
    private static final int BEFORE_SECURITY = -101;

    @Bean
    FilterRegistrationBean<Filter> fullNodeReadsAnsweredElsewhere() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) ->
                ProblemResponses.write((HttpServletRequest) request, (HttpServletResponse) response, problem()));
        registration.addUrlPatterns(FULL_NODE_PATHS);
        registration.setOrder(BEFORE_SECURITY);
        return registration;
    }

    private static ProblemDetail problem() {
        return ProblemResponses.problem(HttpStatusCode.valueOf(421), CODE, "Not served by this node",
                "This query node runs in the gateway role and answers token checks only (POST /api/v1/token-checks, "
                        + "POST /api/v1/token-introspection); "
                        + "ask a full query node for linkages, the audit trail and the console.");
    }
}
