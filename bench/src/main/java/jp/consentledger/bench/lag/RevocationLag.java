package jp.consentledger.bench.lag;

import com.fasterxml.jackson.databind.JsonNode;
import jp.consentledger.bench.nodes.Http;
import jp.consentledger.bench.nodes.LedgerNodes;
import jp.consentledger.bench.report.Results;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Measure 4: how long after the bank's confirmation of a revocation is acknowledged (HTTP 200 from
 * the command side) the query side answers the token check with valid:false. The check is asked
 * back to back from the acknowledgement on, so the figure includes one check's round trip.
 */
public final class RevocationLag {
    private static final double TARGET_MICROS = 50_000;

    private RevocationLag() {
    }

    /** Grants through {@code command}, revokes through {@code revoking} (the same node or another), checks at {@code query}. */
    public static Histogram measure(LedgerNodes.Node command, LedgerNodes.Node revoking, LedgerNodes.Node query,
                                    String termsVersion, int samples, PrintStream log) throws Exception {
        Http http = new Http();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String providerId = "prv-lag-" + run;
        JsonNode provider = http.postJson(command.uri("/api/v1/providers"),
                Map.of("providerId", providerId, "name", "Lag probe " + run), LedgerNodes.OPERATOR).expect(201).json();
        String providerAuth = Http.basic(providerId, provider.path("secret").asText());
        Histogram lag = new Histogram(60_000_000L, 3);
        for (int i = 0; i < samples; i++) {
            String accountId = "acc-lag-" + run + "-" + i;
            http.postJson(command.uri("/api/v1/accounts"), Map.of("accountId", accountId, "customerId", "cus-lag-" + run + "-" + i,
                    "customerType", "INDIVIDUAL", "accountType", "ORDINARY_DEPOSIT", "pinRegisteredCard", true,
                    "termsVersion", termsVersion, "identityVerificationRef", "ivr-lag-" + i, "viaProviderId", providerId),
                    LedgerNodes.OPERATOR).expect(201);
            JsonNode granted = http.postJson(command.uri("/api/v1/accounts/" + accountId + "/linkages"),
                    Map.of("providerId", providerId, "scopes", List.of("BALANCE"), "chainedRecipients", List.of()),
                    LedgerNodes.OPERATOR).expect(201).json();
            String linkageId = granted.path("linkageId").asText();
            String check = "{\"token\":\"" + granted.path("token").asText() + "\",\"scope\":\"BALANCE\"}";
            long wait = System.nanoTime() + 30_000_000_000L;
            while (!valid(http, query, check)) {
                if (System.nanoTime() > wait) {
                    throw new IllegalStateException("a granted token never checked valid");
                }
                Thread.sleep(1);
            }
            http.postJson(revoking.uri("/api/v1/linkages/" + linkageId + "/revocation-requests"),
                    Map.of("requestedAt", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString()), providerAuth).expect(202);
            http.postJson(revoking.uri("/api/v1/linkages/" + linkageId + "/revocation-confirmations"), "{}",
                    LedgerNodes.OPERATOR).expect(200);
            long confirmed = System.nanoTime();
            while (valid(http, query, check)) {
                if (System.nanoTime() - confirmed > 30_000_000_000L) {
                    throw new IllegalStateException("a confirmed revocation was not enforced within 30 s");
                }
            }
            lag.recordValue(Math.max(1, (System.nanoTime() - confirmed) / 1_000));
        }
        log.printf("  revocation lag over %d samples: p50 %,d µs, p99 %,d µs, max %,d µs%n", samples,
                lag.getValueAtPercentile(50), lag.getValueAtPercentile(99), lag.getMaxValue());
        return lag;
    }

    private static boolean valid(Http http, LedgerNodes.Node query, String check) throws Exception {
        return http.postJson(query.uri("/api/v1/token-checks"), check, LedgerNodes.GATEWAY).expect(200).json()
                .path("valid").asBoolean();
    }

    public static void report(String id, String setting, Histogram lag, int samples, Results results) {
        results.raw("revocationLagMicros" + id, Map.of("samples", samples, "p50", lag.getValueAtPercentile(50),
                "p90", lag.getValueAtPercentile(90), "p99", lag.getValueAtPercentile(99), "max", lag.getMaxValue()));
        double p99 = lag.getValueAtPercentile(99);
        results.row(id, "Revocation confirmed → token check invalid, " + setting + " (" + samples + " samples)",
                String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms", lag.getValueAtPercentile(50) / 1e3, p99 / 1e3,
                        lag.getMaxValue() / 1e3),
                "query side's event-store poll: fetch delay 10 ms", "—", "p99 ≤ 50 ms",
                p99 <= TARGET_MICROS ? Results.Verdict.MET : Results.Verdict.MISSED, null);
    }
}
