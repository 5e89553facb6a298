package jp.consentledger.command.infrastructure;

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
 * The command API as OpenAPI 3 (/v3/api-docs, Swagger UI at /swagger-ui.html): both security
 * schemes, the Idempotency-Key and X-Correlation-Id headers, the problem responses every command
 * may give, and a request example for each command. Kept here rather than in annotations so the
 * controllers stay readable.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "Problem";

    /** Request examples by "METHOD path". */
    private static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry("POST /api/v1/providers", "{\"providerId\":\"pfm-alpha\",\"name\":\"Alpha Household Budget Co.\"}"),
            Map.entry("POST /api/v1/providers/{providerId}/suspension", "{\"reason\":\"Security audit pending (contract 7.3)\"}"),
            Map.entry("POST /api/v1/providers/{providerId}/termination", "{\"reason\":\"Contract ended (contract 7.4)\"}"),
            Map.entry("POST /api/v1/terms", "{\"version\":\"2026-04\",\"effectiveFrom\":\"2026-04-01T00:00:00+09:00\","
                    + "\"documentSha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}"),
            Map.entry("POST /api/v1/accounts", "{\"accountId\":\"acc-0001\",\"customerId\":\"cus-0001\",\"customerType\":\"INDIVIDUAL\","
                    + "\"accountType\":\"ORDINARY_DEPOSIT\",\"pinRegisteredCard\":true,\"termsVersion\":\"2026-04\","
                    + "\"identityVerificationRef\":\"idv-20260401-0001\",\"viaProviderId\":\"pfm-alpha\"}"),
            Map.entry("POST /api/v1/accounts/{accountId}/registration-renewals",
                    "{\"termsVersion\":\"2026-04\",\"identityVerificationRef\":\"idv-20270401-0001\"}"),
            Map.entry("POST /api/v1/accounts/{accountId}/closure", "{\"reason\":\"Customer closed the account at the branch\"}"),
            Map.entry("POST /api/v1/accounts/{accountId}/suspension", "{\"reason\":\"Card reported lost\"}"),
            Map.entry("POST /api/v1/accounts/{accountId}/linkages",
                    "{\"providerId\":\"pfm-alpha\",\"scopes\":[\"BALANCE\",\"TRANSACTIONS\"],\"chainedRecipients\":[]}"),
            Map.entry("POST /api/v1/linkages/{linkageId}/revocation-requests", "{\"requestedAt\":\"2026-05-01T10:03:00+09:00\"}"),
            Map.entry("POST /api/v1/linkages/{linkageId}/revocations", "{\"reason\":\"The customer asked the bank to stop the linkage\"}"),
            Map.entry("PATCH /api/v1/linkages/{linkageId}", "{\"scopes\":[\"BALANCE\"]}"),
            Map.entry("POST /api/v1/linkages/{linkageId}/suspension", "{\"reason\":\"Suspicious access pattern\"}"),
            Map.entry("POST /api/v1/breaches", "{\"kind\":\"UNAUTHORIZED_ACCESS\",\"detectedAt\":\"2026-05-02T09:00:00+09:00\","
                    + "\"description\":\"Unusual token use from an unknown network\",\"affectedProviderIds\":[\"pfm-alpha\"],"
                    + "\"affectedAccountIds\":[],\"affectedLinkageIds\":[],\"suspendAffectedLinkages\":true}"),
            Map.entry("POST /api/v1/breaches/{breachId}/disclosures", "{\"recipientProviderId\":\"pfm-alpha\","
                    + "\"informationItems\":[\"transaction history 2026-04\"],\"basisClause\":\"R4.7\"}"),
            Map.entry("POST /api/v1/breaches/{breachId}/resolution", "{\"summary\":\"Credentials rotated; no data left the bank\"}"),
            Map.entry("POST /api/v1/service-suspensions", "{\"from\":\"2026-05-03T01:00:00+09:00\","
                    + "\"until\":\"2026-05-03T05:00:00+09:00\",\"reason\":\"Scheduled maintenance\"}"));

    private static final Map<String, String> ERRORS = Map.of(
            "400", "Malformed input (MALFORMED_REQUEST, INVALID_REQUEST, INVALID_IDEMPOTENCY_KEY)",
            "401", "Not authenticated (UNAUTHENTICATED)",
            "403", "The caller's role may not send this command (FORBIDDEN)",
            "404", "Unknown, or not the caller's (the same answer for both)",
            "409", "Refused: conflicts with what is recorded (e.g. LINKAGE_ALREADY_ACTIVE, IDEMPOTENCY_KEY_IN_FLIGHT)",
            "413", "Body over 64 KiB (PAYLOAD_TOO_LARGE)",
            "415", "Not application/json (UNSUPPORTED_MEDIA_TYPE)",
            "422", "Refused by a business rule (e.g. REGISTRATION_LAPSED, PROVIDER_SUSPENDED) or IDEMPOTENCY_KEY_REUSED");

    @Bean
    OpenAPI ledgerOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Consent ledger: command API").version("v1").description(
                        "Commands that record consents and their lifecycle. Every error is application/problem+json "
                                + "(RFC 9457) with a stable `code`. Send an Idempotency-Key to make a command safe to repeat."))
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
    OpenApiCustomizer commandConventions() {
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
        operation.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                .description("Makes the command safe to repeat: the same key and body return the first answer "
                        + "(kept at least 7 days); the same key with another body is 422")
                .schema(new StringSchema().maxLength(255)).example("4f1c2a7e-0b7d-4a59-9d2e-6b1f0c3e9a11"));
        operation.addParametersItem(new HeaderParameter().name("X-Correlation-Id").required(false)
                .description("Carried into the logs and the recorded events' metadata; generated when absent")
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
                .addProperty("type", new StringSchema().example("urn:consent-ledger:problem:registration-lapsed"))
                .addProperty("title", new StringSchema().example("Registration has lapsed"))
                .addProperty("status", new IntegerSchema().example(422))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().example("/api/v1/accounts/acc-0001/linkages"))
                .addProperty("code", new StringSchema().example("REGISTRATION_LAPSED"));
    }

    private static Object json(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an OpenAPI example is not JSON: " + text, e);
        }
    }
}
