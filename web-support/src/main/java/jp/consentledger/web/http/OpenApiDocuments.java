package jp.consentledger.web.http;

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

import java.util.Map;
import java.util.function.Consumer;

/**
 * What both sides' OpenAPI documents have in common: both security schemes, the Problem schema,
 * the X-Correlation-Id header, request examples and the problem responses of every /api operation.
 * Each side's OpenApiConfiguration supplies its title, examples, errors and any headers of its own.
 */
public final class OpenApiDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "Problem";

    /** The example shown for the Problem schema; its type URN is derived from the code. */
    public record ProblemExample(String code, String title, int status, String instance) {
    }

    private OpenApiDocuments() {
    }

    public static OpenAPI securedApi(String title, String description) {
        return new OpenAPI()
                .info(new Info().title(title).version("v1").description(description))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("Staff users (embedded default: operator:operator), or <providerId>:<secret>"))
                        .addSecuritySchemes("bearer-jwt", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("jwt profile: the `roles` claim names the roles; "
                                        + "`provider_id` names a provider")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer-jwt"));
    }

    /**
     * Examples by "METHOD path" and problem responses by status; {@code sideHeaders} adds a side's
     * own headers before X-Correlation-Id, which {@code correlationIdUse} describes.
     */
    public static OpenApiCustomizer conventions(Map<String, String> examples, Map<String, String> errors,
                                                ProblemExample problemExample, String correlationIdUse,
                                                Consumer<Operation> sideHeaders) {
        // Added here, after springdoc has generated the schemas it found, which would replace it.
        return api -> {
            api.getComponents().addSchemas(PROBLEM, problemSchema(problemExample));
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    conventions(path, method, operation, examples, errors, correlationIdUse, sideHeaders)));
        };
    }

    private static void conventions(String path, PathItem.HttpMethod method, Operation operation, Map<String, String> examples,
                                    Map<String, String> errors, String correlationIdUse, Consumer<Operation> sideHeaders) {
        if (!path.startsWith("/api/")) {
            return;
        }
        sideHeaders.accept(operation);
        operation.addParametersItem(new HeaderParameter().name("X-Correlation-Id").required(false)
                .description(correlationIdUse)
                .schema(new StringSchema().pattern("[A-Za-z0-9._-]{1,64}")));
        String example = examples.get(method.name() + " " + path);
        if (example != null && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            operation.getRequestBody().getContent().values().forEach(media -> media.addExamples("example",
                    new Example().value(json(example))));
        }
        errors.forEach((status, description) -> {
            if (operation.getResponses() != null && !operation.getResponses().containsKey(status)) {
                operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                        .content(new Content().addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
            }
        });
    }

    private static Schema<?> problemSchema(ProblemExample example) {
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("urn:consent-ledger:problem:"
                        + example.code().toLowerCase().replace('_', '-')))
                .addProperty("title", new StringSchema().example(example.title()))
                .addProperty("status", new IntegerSchema().example(example.status()))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().example(example.instance()))
                .addProperty("code", new StringSchema().example(example.code()));
    }

    private static Object json(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an OpenAPI example is not JSON: " + text, e);
        }
    }
}
