package jp.consentledger.command.infrastructure;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import jp.consentledger.web.http.OpenApiDocuments;
import jp.consentledger.web.http.OpenApiDocuments.ProblemExample;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The command API as OpenAPI 3 (/v3/api-docs, Swagger UI at /swagger-ui.html): both security
 * schemes, the Idempotency-Key and X-Correlation-Id headers, the problem responses every command
 * may give, and a request example for each command (the shared parts are OpenApiDocuments'). Kept
 * here rather than in annotations so the
 * controllers stay readable.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {
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
        return OpenApiDocuments.securedApi("Consent ledger: command API",
                "Commands that record consents and their lifecycle. Every error is application/problem+json "
                        + "(RFC 9457) with a stable `code`. Send an Idempotency-Key to make a command safe to repeat.");
    }

    @Bean
    OpenApiCustomizer commandConventions() {
        return OpenApiDocuments.conventions(EXAMPLES, ERRORS,
                new ProblemExample("REGISTRATION_LAPSED", "Registration has lapsed", 422, "/api/v1/accounts/acc-0001/linkages"),
                "Carried into the logs and the recorded events' metadata; generated when absent",
                operation -> operation.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                        .description("Makes the command safe to repeat: the same key and body return the first answer "
                        + "(kept at least 7 days); the same key with another body is 422")
                        .schema(new StringSchema().maxLength(255)).example("4f1c2a7e-0b7d-4a59-9d2e-6b1f0c3e9a11")));
    }
}
