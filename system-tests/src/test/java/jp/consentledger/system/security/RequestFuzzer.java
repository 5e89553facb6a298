package jp.consentledger.system.security;

import jp.consentledger.system.security.Http.Answer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random requests at every endpoint of both sides: mangled ids in the path, broken,
 * mistyped, deeply nested, empty and oversized bodies, wrong content types and Accept headers,
 * wrong methods, unknown paths, bad and missing credentials. Collects every answer that is a 5xx
 * (other than the query side's honest 503 while catching up) or an error without problem+json.
 */
final class RequestFuzzer {
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json", "application/json", "text/plain",
            "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=bogus-charset", "application/problem+json", "*/*", "garbage"};
    private static final String[] ACCEPTS = {null, null, "application/json", "text/html", "application/xml", "text/plain",
            "*/*", "image/png", "application/problem+json", "bogus/", "application/json;q=0"};
    private static final String[] IDS = {"x", "acc-a", "p-alpha", "..", ".", "-", "a".repeat(65), "a".repeat(64),
            "%20", "%00", "%25", "%2e%2e", "%E3%81%82", "lnk-%7B%7D", "null", "0", "-1", "%3Cscript%3E", "a%2Fb", "a%5Cb",
            "a;b=c", "a%3Bb", "'", "%22", "lnk-" + "f".repeat(36)};
    private static final String[] VALUES = {"null", "true", "false", "0", "-1", "1e309", "12345678901234567890123",
            "\"\"", "\" \"", "\"x\"", "[]", "{}", "[null]", "\"BALANCE\"", "[\"BALANCE\",\"NOPE\"]", "\"2026-13-45T99:99:99Z\"",
            "\"2026-05-01T10:03:00+09:00\"", "\"\\u0000\"", "\"\\ud800\"", "\"p-alpha\"", "\"acc-a\"", "{\"name\":\"x\"}"};
    private static final String[] FIELDS = {"providerId", "name", "reason", "version", "effectiveFrom", "documentSha256",
            "accountId", "customerId", "customerType", "accountType", "pinRegisteredCard", "termsVersion",
            "identityVerificationRef", "viaProviderId", "scopes", "chainedRecipients", "requestedAt", "kind", "detectedAt",
            "description", "affectedProviderIds", "suspendAffectedLinkages", "recipientProviderId", "informationItems",
            "basisClause", "summary", "from", "until", "token", "scope", "at", "tokenHash", "unknownField"};

    private final Random random;
    private final String commandUrl;
    private final String queryUrl;
    private final List<String[]> principals;
    private final List<String> linkageIds;
    private final List<SecurityFullRunTest.Endpoint> endpoints;

    RequestFuzzer(long seed, String commandUrl, String queryUrl, List<String[]> principals, List<String> linkageIds,
                  List<SecurityFullRunTest.Endpoint> endpoints) {
        this.random = new Random(seed);
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.principals = principals;
        this.linkageIds = linkageIds;
        this.endpoints = endpoints;
    }

    List<String> run(int requests) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            SecurityFullRunTest.Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            String method = random.nextInt(5) == 0 ? pick(METHODS) : endpoint.method();
            String url = mangleUrl(endpoint.url());
            Http.Call call = Http.call(method, url);
            int auth = random.nextInt(100);
            if (auth < 85) {
                String[] who = principals.get(random.nextInt(principals.size()));
                call.as(who[0], who[1]);
            } else if (auth < 86) { // few: each wrong password costs a full bcrypt, by design
                call.as("operator", "wrong-password");
            } else if (auth < 90) {
                call.header("Authorization", pick(new String[]{"Basic !!!", "Basic", "Bearer abc.def.ghi", "Digest x",
                        "Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes(StandardCharsets.UTF_8))}));
            }
            if (!method.equals("GET") && !method.equals("DELETE") || random.nextInt(10) == 0) {
                byte[] body = body(endpoint);
                if (body != null) {
                    call.bytes(body);
                    call.header("Content-Type", pick(CONTENT_TYPES));
                }
            }
            String accept = pick(ACCEPTS);
            if (accept != null) {
                call.header("Accept", accept);
            }
            if (random.nextInt(10) == 0) {
                call.header("Idempotency-Key", random.nextBoolean() ? "k-" + random.nextInt(20) : "\u00e9\u00e9");
            }
            if (random.nextInt(10) == 0) {
                call.header("X-Correlation-Id", random.nextBoolean() ? "fuzz-" + i : "bad id with spaces " + "x".repeat(100));
            }
            Answer answer;
            try {
                answer = call.send();
            } catch (RuntimeException e) {
                failures.add(method + " " + url + " -> no answer: " + e);
                continue;
            }
            boolean catchingUp = answer.status() == 503 && answer.body().contains("LEDGER_CATCHING_UP");
            if (answer.status() >= 500 && !catchingUp) {
                failures.add(method + " " + url + " -> " + answer);
            } else if (answer.status() >= 400 && !"HEAD".equals(method) && !answer.isProblem()) {
                failures.add(method + " " + url + " (Accept " + accept + ") -> not problem+json: " + answer);
            }
        }
        return failures;
    }

    private String mangleUrl(String url) {
        int choice = random.nextInt(10);
        if (choice == 0) {
            return (random.nextBoolean() ? commandUrl : queryUrl) + "/api/v1/" + pick(IDS) + "/" + pick(IDS);
        }
        if (choice <= 3) {
            String[] parts = url.split("/");
            int index = 5 + random.nextInt(Math.max(1, parts.length - 5));
            if (index < parts.length) {
                parts[index] = random.nextBoolean() ? pick(IDS) : pick(linkageIds.toArray(String[]::new));
            }
            return String.join("/", parts);
        }
        if (choice == 4) {
            return url + (url.contains("?") ? "&" : "?") + pick(new String[]{"status=NOPE", "page=-1", "size=100000",
                    "page=abc", "size=0", "status=ACTIVE&page=99999999", "at=yesterday", "knownAt=%ZZ".replace("%ZZ", "%25ZZ")});
        }
        return url;
    }

    private byte[] body(SecurityFullRunTest.Endpoint endpoint) {
        int choice = random.nextInt(12);
        return switch (choice) {
            case 0 -> null;
            case 1 -> new byte[0];
            case 2 -> randomBytes(1 + random.nextInt(200));
            case 3 -> ("{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8);
            case 4 -> ("{\"reason\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 5 -> "{".getBytes(StandardCharsets.UTF_8);
            case 6 -> "[1,2,3]".getBytes(StandardCharsets.UTF_8);
            case 7 -> (endpoint.body() == null ? "{}" : endpoint.body().substring(0, random.nextInt(endpoint.body().length())))
                    .getBytes(StandardCharsets.UTF_8);
            default -> randomObject().getBytes(StandardCharsets.UTF_8);
        };
    }

    private String randomObject() {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(8);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(pick(FIELDS)).append("\":").append(random.nextInt(8) == 0
                    ? "\"" + "y".repeat(random.nextInt(5000)) + "\"" : pick(VALUES));
        }
        return json.append('}').toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
