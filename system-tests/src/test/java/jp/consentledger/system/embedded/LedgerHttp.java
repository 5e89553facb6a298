package jp.consentledger.system.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ledger's HTTP API as its callers see it: JSON over java.net.http, nothing of either side's code. */
final class LedgerHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern REVOCATION_REQUEST = Pattern.compile("/api/v1/linkages/([^/]+)/revocation-requests");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, String> providerOfLinkage = new ConcurrentHashMap<>();
    private volatile String lastProvider;

    record Answer(int status, String contentType, String text, JsonNode body, HttpHeaders headers) {
        /** The value of a response header, or null. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

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

    /** The provider a linkage granted through this client was granted to. */
    String providerOfLinkage(String linkageId) {
        return providerOfLinkage.get(linkageId);
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

    /** A GET as {@code user} (a demo user or a provider), whatever role the path would otherwise be called as. */
    Answer getAs(String url, String user, String password) {
        return send("GET", url, null, new String[]{user, password});
    }

    /** A form-encoded POST (RFC 7662 introspection), as the given user. */
    Answer postForm(String url, String user, String password, Map<String, String> form) {
        StringBuilder encoded = new StringBuilder();
        form.forEach((name, value) -> encoded.append(encoded.isEmpty() ? "" : "&").append(name).append('=')
                .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Authorization", basic(new String[]{user, password}))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded.toString())).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), text,
                    text == null || text.isBlank() ? MissingNode.getInstance() : parse(text), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code body}: null for none, a String sent as it is (so malformed JSON can be sent), anything else as JSON. */
    Answer send(String method, String url, Object body) {
        return send(method, url, body, credentialsFor(URI.create(url).getPath()));
    }

    String secretOf(String providerId) {
        return secrets.get(providerId);
    }

    private Answer send(String method, String url, Object body, String[] credentials) {
        String path = URI.create(url).getPath();
        String json = body == null ? null : body instanceof String text ? text : toJson(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", basic(credentials))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            Answer answer = new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), text,
                    text == null || text.isBlank() ? MissingNode.getInstance() : parse(text), response.headers());
            remember(method, path, json, answer);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Each call as the principal API.md gives it, with the embedded default's demo users: the gateway
     * checks tokens, a provider requests revocation of its own linkage (with the secret issued when it
     * was registered), the operator does everything else.
     */
    private String[] credentialsFor(String path) {
        Matcher revocation = REVOCATION_REQUEST.matcher(path);
        if (revocation.matches()) {
            String provider = providerOfLinkage.getOrDefault(revocation.group(1), lastProvider);
            String secret = provider == null ? null : secrets.get(provider);
            if (secret != null) {
                return new String[]{provider, secret};
            }
        }
        return path.equals("/api/v1/token-checks") ? new String[]{"gateway", "gateway"}
                : path.startsWith("/api/v1/audit/") ? new String[]{"auditor", "auditor"}
                : new String[]{"operator", "operator"};
    }

    private void remember(String method, String path, String json, Answer answer) {
        if (!"POST".equals(method) || answer.status() != 201) {
            return;
        }
        if (path.equals("/api/v1/providers")) {
            String provider = answer.body().path("providerId").asText();
            secrets.put(provider, answer.body().path("secret").asText());
            lastProvider = provider;
        } else if (path.matches("/api/v1/accounts/[^/]+/linkages") && json != null) {
            providerOfLinkage.put(answer.body().path("linkageId").asText(), parse(json).path("providerId").asText());
        }
    }

    private static String basic(String[] credentials) {
        return "Basic " + Base64.getEncoder().encodeToString((credentials[0] + ":" + credentials[1]).getBytes(StandardCharsets.UTF_8));
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
