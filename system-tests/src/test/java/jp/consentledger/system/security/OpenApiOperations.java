package jp.consentledger.system.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every operation of a side's OpenAPI document, read from its /v3/api-docs at run time. */
final class OpenApiOperations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** One operation: where, its parameters, and a body to start from (the documented example, or one built from the schema). */
    record Operation(String method, String base, String path, List<Parameter> parameters, ObjectNode body,
                     Set<String> instantFields) {
        String key() {
            return method + " " + base + path;
        }
    }

    record Parameter(String name, String in, boolean required, boolean instant) {
    }

    private OpenApiOperations() {
    }

    static List<Operation> of(String base) {
        JsonNode doc = Http.call("GET", base + "/v3/api-docs").send().json();
        JsonNode schemas = doc.path("components").path("schemas");
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(),
                            parameter.path("required").asBoolean(), isInstant(parameter.path("schema"))));
                }
                JsonNode content = operation.getValue().path("requestBody").path("content").path("application/json");
                ObjectNode body = null;
                Set<String> instants = new java.util.TreeSet<>();
                if (!content.isMissingNode()) {
                    JsonNode schema = resolve(content.path("schema"), schemas);
                    schema.path("properties").properties().forEach(p -> {
                        if (isInstant(resolve(p.getValue(), schemas))) {
                            instants.add(p.getKey());
                        }
                    });
                    JsonNode example = content.path("examples").elements().hasNext()
                            ? content.path("examples").elements().next().path("value") : content.path("example");
                    body = example.isObject() ? (ObjectNode) example.deepCopy() : fromSchema(schema, schemas);
                }
                operations.add(new Operation(operation.getKey().toUpperCase(), base, path.getKey(), parameters, body, instants));
            }
        }
        return operations;
    }

    private static boolean isInstant(JsonNode schema) {
        return "date-time".equals(schema.path("format").asText());
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/components/schemas/") ? schemas.path(ref.substring("#/components/schemas/".length())) : schema;
    }

    private static ObjectNode fromSchema(JsonNode schema, JsonNode schemas) {
        ObjectNode body = JSON.createObjectNode();
        schema.path("properties").properties().forEach(p -> {
            JsonNode field = resolve(p.getValue(), schemas);
            if (field.has("enum")) {
                body.set(p.getKey(), field.path("enum").get(0));
            } else if (isInstant(field)) {
                body.put(p.getKey(), "2026-05-01T10:00:00Z");
            } else {
                switch (field.path("type").asText()) {
                    case "boolean" -> body.put(p.getKey(), true);
                    case "integer", "number" -> body.put(p.getKey(), 1);
                    case "array" -> body.set(p.getKey(), JSON.createArrayNode());
                    case "object" -> body.set(p.getKey(), JSON.createObjectNode());
                    default -> body.put(p.getKey(), "x");
                }
            }
        });
        return body;
    }
}
