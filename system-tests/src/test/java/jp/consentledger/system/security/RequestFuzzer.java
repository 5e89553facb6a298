package jp.consentledger.system.security;

import jp.consentledger.system.security.Http.Answer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Random;

/**
 * Seeded random requests at every operation of both sides' OpenAPI documents (read at run time), each
 * met at least once, and at the few endpoints outside them (actuator): the documented example bodies with
 * instants far outside the ledger's range and duplicated keys, mangled ids in the path, broken, mistyped,
 * deeply nested, empty and oversized bodies, wrong content types and Accept headers, odd and wrong methods
 * (TRACE, PROPFIND...), unknown paths, bad and missing credentials. Collects every answer that is a 5xx
 * (other than the query side's honest 503 while catching up) or an error without problem+json.
 */
final class RequestFuzzer {
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "TRACE", "OPTIONS", "HEAD",
            "PROPFIND", "FOO"};
    static final String[] INSTANTS = {"-1000000000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "+1000000000-01-01T00:00:00Z",
            "1999-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2000-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-05-01T10:00:00+18:00", "2026-05-01T10:00:00-18:00",
            "2026-05-01T10:00:00Z", "1970-01-01T00:00:00Z", "2026-05-01", "2026-05-01T10:00:00"};
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

    /** Ids for path templates: every kind the API names, unknown ones, junk; never p-beta's or acc-b's (later tests use them). */
    private static final String[] PATH_IDS = {"acc-a", "p-alpha", "acc-nobody", "p-nobody", "brc-nobody", "sus-nobody", "rpl-nobody",
            "lnk-" + "0".repeat(8) + "-0000-0000-0000-" + "0".repeat(12), "x", "a".repeat(65), "%20", "..", "%E3%81%82", "-"};

    private final Random random;
    private final String commandUrl;
    private final String queryUrl;
    private final List<String[]> principals;
    private final List<String> linkageIds;
    private final List<SecurityFullRunTest.Endpoint> endpoints;
    private final List<OpenApiOperations.Operation> operations;
    private final Map<String, Integer> hits = new TreeMap<>();
    /** Answers by HTTP status, and the errors (4xx/5xx, HEAD aside) that came as problem+json: RELIABILITY.md's figures. */
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private int errors;
    private int problemErrors;

    RequestFuzzer(long seed, String commandUrl, String queryUrl, List<String[]> principals, List<String> linkageIds,
                  List<SecurityFullRunTest.Endpoint> endpoints, List<OpenApiOperations.Operation> operations) {
        this.random = new Random(seed);
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.principals = principals;
        this.linkageIds = linkageIds;
        this.endpoints = endpoints;
        this.operations = operations;
    }

    /** How many requests met each documented operation ("METHOD base/path"). */
    Map<String, Integer> hits() {
        return hits;
    }

    /** The figures of the last {@link #run}: a Markdown table for RELIABILITY.md. */
    String figures() {
        int fiveHundreds = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum();
        int sent = statuses.values().stream().mapToInt(Integer::intValue).sum();
        return String.join("\n",
                "| figure | value |", "| --- | --- |",
                "| requests answered | " + String.format("%,d", sent) + " |",
                "| documented operations (both OpenAPI documents) | " + hits.size() + " |",
                "| fewest requests at one operation | " + hits.values().stream().mapToInt(Integer::intValue).min().orElse(0) + " |",
                "| answers 5xx | **" + fiveHundreds + "** |",
                "| errors (4xx/5xx, HEAD aside) | " + String.format("%,d", errors) + " |",
                "| errors as problem+json | **" + problemErrors + " of " + errors + "** |",
                "| answers by status | " + statuses + " |") + "\n";
    }

    List<String> run(int requests) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            // Every operation first, in turn; then at random, with one request in five at an undocumented endpoint.
            SecurityFullRunTest.Endpoint endpoint = i < operations.size() || random.nextInt(5) > 0
                    ? fromOperation(operations.get(i < operations.size() ? i : random.nextInt(operations.size())))
                    : endpoints.get(random.nextInt(endpoints.size()));
            String method = random.nextInt(6) == 0 ? pick(METHODS) : endpoint.method();
            String url = i < operations.size() ? endpoint.url() : mangleUrl(endpoint.url());
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
            statuses.merge(answer.status(), 1, Integer::sum);
            if (answer.status() >= 400 && !"HEAD".equals(method)) {
                errors++;
                problemErrors += answer.isProblem() ? 1 : 0;
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

    /** A documented operation as a concrete request: ids in its path, its query, and its example body with an instant moved. */
    private SecurityFullRunTest.Endpoint fromOperation(OpenApiOperations.Operation operation) {
        hits.merge(operation.key(), 1, Integer::sum);
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        for (OpenApiOperations.Parameter parameter : operation.parameters()) {
            if (parameter.in().equals("path")) {
                path = path.replace("{" + parameter.name() + "}", pick(PATH_IDS));
            } else if (parameter.in().equals("query") && (parameter.required() || random.nextBoolean())) {
                String value = parameter.instant() ? pick(INSTANTS) : pick(new String[]{"ACTIVE", "0", "-1", "20", "x", ""});
                query.append(query.isEmpty() ? "?" : "&").append(parameter.name()).append('=')
                        .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        String body = null;
        if (operation.body() != null) {
            var json = operation.body().deepCopy();
            for (String field : operation.instantFields()) {
                if (random.nextInt(3) > 0) {
                    json.put(field, pick(INSTANTS));
                }
            }
            body = json.toString();
            if (random.nextInt(4) == 0 && json.size() > 0) { // a duplicated key, with another value
                String first = json.fieldNames().next();
                body = body.substring(0, body.length() - 1) + ",\"" + first + "\":" + pick(VALUES) + "}";
            }
        }
        return new SecurityFullRunTest.Endpoint(operation.method(), operation.base() + path + query, body, Set.of());
    }

    private byte[] body(SecurityFullRunTest.Endpoint endpoint) {
        int choice = random.nextInt(16);
        if (choice >= 12 && endpoint.body() != null) {
            return endpoint.body().getBytes(StandardCharsets.UTF_8); // the operation's own body, moved instants and all
        }
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
