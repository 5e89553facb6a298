package jp.consentledger.query.console.actions;

import jp.consentledger.query.QuerySideProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.query.role.FullNode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The command side's HTTP API, called as the signed-in person: their own Authorization header goes along, so the
 * command side decides and records exactly as if they had called it themselves. The query side never records.
 */
@FullNode
@Component
class CommandSide {
    private final RestClient client;
    private final ObjectMapper json;

    CommandSide(RestClient.Builder builder, ObjectMapper json, QuerySideProperties properties) {
        this.client = builder.baseUrl(properties.commandSide().url()).build();
        this.json = json;
    }

    CommandAnswer send(HttpMethod method, String path, Map<String, String> body, String authorization, String idempotencyKey) {
        RestClient.RequestBodySpec request = client.method(method).uri(path)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .headers(h -> {
                    if (authorization != null) {
                        h.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                    h.set("Idempotency-Key", idempotencyKey);
                });
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        try {
            return request.exchange((req, response) -> new CommandAnswer(response.getStatusCode().value(), read(response.getBody())));
        } catch (ResourceAccessException unreachable) {
            return new CommandAnswer(503, json.createObjectNode().put("code", "COMMAND_SIDE_UNREACHABLE")
                    .put("title", "Command side unreachable").put("detail", unreachable.getMessage()));
        }
    }

    private JsonNode read(InputStream body) throws IOException {
        byte[] bytes = body.readAllBytes();
        return bytes.length == 0 ? null : json.readTree(bytes);
    }
}
