package jp.consentledger.query.infrastructure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The query API as OpenAPI 3 (/v3/api-docs, Swagger UI at /swagger-ui.html): both security
 * schemes, the X-Correlation-Id header, the problem responses every read may give, and request
 * examples. Kept here rather than in annotations so the
 * controllers stay readable.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "Problem";

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
        return new OpenAPI()
                .info(new Info().title("Consent ledger: query API").version("v1").description(
                        "Token checks for the API gateway, linkages for providers and staff, and the audit trail. "
                                + "Every error is application/problem+json (RFC 9457) with a stable `code`."))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("Staff users (embedded default: operator:operator), or <providerId>:<secret>"))
                        .addSecuritySchemes("bearer-jwt", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("jwt profile: the `roles` claim names the roles; "
                                        + "`provider_id` names a provider")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer-jwt"));
    }

    @Bean
    OpenApiCustomizer queryConventions() {
        // Added here, after springdoc has generated the schemas it found, which would replace it.
        return api -> {
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> conventions(path,
                    method, operation)));
        };
    }

    private static void conventions(String path, PathItem.HttpMethod method, Operation operation) {
        if (!path.startsWith("/api/")) {
            return;
        }
        operation.addParametersItem(new HeaderParameter().name("X-Correlation-Id").required(false)
                .description("Carried into the logs; generated when absent")
                .schema(new StringSchema().pattern("[A-Za-z0-9._-]{1,64}")));
        String example = EXAMPLES.get(method.name() + " " + path);
        if (example != null && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            operation.getRequestBody().getContent().values().forEach(media -> media.addExamples("example",
                    new Example().value(json(example))));
        }
        ERRORS.forEach((status, description) -> {
            if (operation.getResponses() != null && !operation.getResponses().containsKey(status)) {
                operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                        .content(new Content().addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
            }
        });
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("urn:consent-ledger:problem:linkage-not-found"))
                .addProperty("title", new StringSchema().example("Not found"))
                .addProperty("status", new IntegerSchema().example(404))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().example("/api/v1/linkages/lnk-0f8e9c1a-3d0b-4a8e-9d33-0e5e2f6b7c10"))
                .addProperty("code", new StringSchema().example("LINKAGE_NOT_FOUND"));
    }

    private static Object json(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an OpenAPI example is not JSON: " + text, e);
        }
    }
}
