package jp.consentledger.query.introspection;

import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.token.TokenHasher;
import jp.consentledger.validity.ConsentFacts.LinkageFacts;
import jp.consentledger.validity.TokenVerdict;
import jp.consentledger.validity.ValidityReason;
import jp.consentledger.query.availability.ServiceUnavailability;
import jp.consentledger.query.freshness.ReadYourWrites;
import jp.consentledger.query.infrastructure.NotReadyException;
import jp.consentledger.query.tokencheck.PresentedToken;
import jp.consentledger.query.tokencheck.TokenCheckMetrics;
import jp.consentledger.query.tokencheck.TokenValidityModel;
import jp.consentledger.web.problem.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.StringJoiner;

/**
 * The gateway's question as gateways already ask it: OAuth 2.0 Token Introspection (RFC 7662), so
 * Spring Security's opaque-token resource server, Kong, Apigee, Tyk or KrakenD ask the ledger without
 * an adapter. The gateway authenticates as the introspection client (HTTP Basic with the GATEWAY role,
 * or the jwt profile's bearer). A token is {@code active} when it is valid now for at least one scope;
 * {@code scope} lists the scopes it is valid for now. An inactive token answers {@code {"active":false}}
 * and nothing more (RFC 7662 2.2). Inside a service suspension window the answer is not "inactive" but
 * 503 with Retry-After (see {@link #serviceClosed}).
 */
@RestController
@RequestMapping("/api/v1/token-introspection")
public class TokenIntrospectionController {
    /** The problem code of an introspection inside a service suspension window. */
    public static final String SERVICE_CLOSED = "SERVICE_SUSPENDED";

    private final TokenValidityModel model;
    private final TokenHasher hasher;
    private final Clock clock;
    private final TokenCheckMetrics metrics;
    private final ReadYourWrites readYourWrites;

    TokenIntrospectionController(TokenValidityModel model, TokenHasher hasher, Clock clock, TokenCheckMetrics metrics,
                                 ReadYourWrites readYourWrites) {
        this.model = model;
        this.hasher = hasher;
        this.clock = clock;
        this.metrics = metrics;
        this.readYourWrites = readYourWrites;
    }

    /**
     * {@code token_type_hint} is accepted and ignored, as RFC 7662 allows: the ledger issues one kind of
     * token. {@code min_position} is the ledger's extension (read your own writes).
     */
    @PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> introspect(@RequestParam(name = "token", required = false) String token,
                                        @RequestParam(name = "min_position", required = false) String minPositionField) {
        Long minPosition = minPosition(minPositionField);
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("token is required (form-encoded, RFC 7662 2.1)");
        }
        if (!model.isCaughtUp()) {
            throw new NotReadyException("The token-validity model is still reading the event stream (at position "
                    + model.position() + "); retry in a moment.");
        }
        readYourWrites.awaitOrRefuse(minPosition);
        Instant now = clock.instant();
        long position = model.position();
        if (!PresentedToken.wellFormed(token)) {
            metrics.checked(ValidityReason.UNKNOWN_TOKEN); // no token the ledger issued looks like this
            return cacheless(IntrospectionAnswer.INACTIVE);
        }
        TokenHash hash = new PresentedToken(token).hashWith(hasher);
        StringJoiner validScopes = new StringJoiner(" ");
        TokenVerdict refused = null;
        LinkageFacts linkage = null;
        for (Scope scope : Scope.values()) {
            TokenVerdict verdict = model.check(hash, scope, now);
            linkage = verdict.linkage();
            if (verdict.valid()) {
                validScopes.add(scope.name());
            } else if (verdict.reason() != ValidityReason.SCOPE_NOT_GRANTED) {
                refused = verdict; // the same reason for every scope: only the scope test comes after the others
            }
        }
        if (refused != null) {
            metrics.checked(refused.reason());
            if (refused.reason() == ValidityReason.SERVICE_SUSPENDED) {
                return serviceClosed(ServiceUnavailability.at(model.windows(), refused.linkage().providerId(), now));
            }
            return cacheless(IntrospectionAnswer.INACTIVE);
        }
        metrics.checked(ValidityReason.VALID);
        return cacheless(IntrospectionAnswer.active(validScopes.toString(), linkage, now, position));
    }

    /**
     * Inside a service suspension window (R2.1, T8) the token is not invalid: the service is closed. RFC 7662
     * has no member for that, and {@code active:false} would make every gateway tell the provider "bad
     * token" (401), which a provider may act on by dropping the token. A 503 with Retry-After is what
     * gateways already pass on as "come back later"; the problem body says until when.
     */
    private static ResponseEntity<ProblemDetail> serviceClosed(ServiceUnavailability closed) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, SERVICE_CLOSED, "Service closed",
                "The bank's API service is suspended for this provider until " + closed.until()
                        + "; the token is not invalid, retry after the window.");
        problem.setProperty("until", closed.until().toString());
        problem.setProperty("retryAfter", closed.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(closed.retryAfterSeconds()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static Long minPosition(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("min_position must be an event position (a whole number), as a command's Ledger-Position header gives it");
        }
    }

    /** An answer about a token must not be reused by a cache between the ledger and the gateway. */
    private static ResponseEntity<IntrospectionAnswer> cacheless(IntrospectionAnswer answer) {
        return ResponseEntity.status(HttpStatus.OK).header(HttpHeaders.CACHE_CONTROL, "no-store").body(answer);
    }
}
