package jp.consentledger.system.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The ledger's HTTP API as its callers see it: JSON over java.net.http, nothing of either side's code. */
final class LedgerHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String contentType, String text, JsonNode body) {
        String code() {
            return body.path("code").asText(null);
        }

        boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    Answer post(String url, Object body) {
        return send("POST", url, body);
    }

    Answer patch(String url, Object body) {
        return send("PATCH", url, body);
    }

    Answer put(String url, Object body) {
        return send("PUT", url, body);
    }

    Answer get(String url) {
        return send("GET", url, null);
    }

    Answer delete(String url) {
        return send("DELETE", url, null);
    }

    /** {@code body}: null for none, a String sent as it is (so malformed JSON can be sent), anything else as JSON. */
    Answer send(String method, String url, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json")
                // Security (HTTP Basic demo users) goes here: .header("Authorization", basic("operator")) in one line.
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : toJson(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), text,
                    text == null || text.isBlank() ? MissingNode.getInstance() : parse(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the ledger answered something that is not JSON: " + text, e);
        }
    }

    private static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
