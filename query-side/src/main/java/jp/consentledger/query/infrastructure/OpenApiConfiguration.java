package jp.consentledger.query.infrastructure;

import io.swagger.v3.oas.models.OpenAPI;
import jp.consentledger.web.http.OpenApiDocuments;
import jp.consentledger.web.http.OpenApiDocuments.ProblemExample;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The query API as OpenAPI 3 (/v3/api-docs, Swagger UI at /swagger-ui.html): both security
 * schemes, the X-Correlation-Id header, the problem responses every read may give, and request
 * examples (the shared parts are OpenApiDocuments'). Kept here rather than in annotations so the
 * controllers stay readable.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {
    /** Request examples by "METHOD path". */
    private static final Map<String, String> EXAMPLES = Map.of(
            "POST /api/v1/token-checks", "{\"token\":\"q3JxW9vH0bVtq1C9k0Zk3rJc2f4m7T8yXy1oQe5uA2s\",\"scope\":\"BALANCE\"}",
            "POST /api/v1/audit/token-checks", "{\"tokenHash\":\"4a5c...64 hex characters as the history shows it\","
                    + "\"scope\":\"TRANSACTIONS\",\"at\":\"2026-05-01T10:03:00+09:00\"}");

    private static final Map<String, String> ERRORS = Map.of(
            "400", "Malformed input (MALFORMED_REQUEST, INVALID_REQUEST)",
            "401", "Not authenticated (UNAUTHENTICATED)",
            "403", "The caller's role may not read this (FORBIDDEN)",
            "404", "Unknown, or not the caller's (the same answer for both)",
            "503", "A read model is still catching up with the events (LEDGER_CATCHING_UP); retry after Retry-After");

    @Bean
    OpenAPI ledgerOpenApi() {
        return OpenApiDocuments.securedApi("Consent ledger: query API",
                "Token checks for the API gateway, linkages for providers and staff, and the audit trail. "
                        + "Every error is application/problem+json (RFC 9457) with a stable `code`.");
    }

    @Bean
    OpenApiCustomizer queryConventions() {
        return OpenApiDocuments.conventions(EXAMPLES, ERRORS,
                new ProblemExample("LINKAGE_NOT_FOUND", "Not found", 404, "/api/v1/linkages/lnk-0f8e9c1a-3d0b-4a8e-9d33-0e5e2f6b7c10"),
                "Carried into the logs; generated when absent",
                operation -> { });
    }
}
