package jp.consentledger.query.tokencheck;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.token.TokenHasher;
import jp.consentledger.validity.ConsentFacts.LinkageFacts;
import jp.consentledger.validity.TokenVerdict;
import jp.consentledger.validity.ValidityReason;
import jp.consentledger.query.availability.ServiceUnavailability;
import jp.consentledger.query.freshness.ReadYourWrites;
import jp.consentledger.query.infrastructure.AsOf;
import jp.consentledger.query.infrastructure.NotReadyException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import static jp.consentledger.kernel.ids.Identifiers.required;

/** The API gateway's question, for every call a provider makes: is this token valid now, for this scope? */
@RestController
@RequestMapping("/api/v1/token-checks")
public class TokenCheckController {
    private final TokenValidityModel model;
    private final TokenHasher hasher;
    private final Clock clock;
    private final TokenCheckMetrics metrics;
    private final ReadYourWrites readYourWrites;

    public TokenCheckController(TokenValidityModel model, TokenHasher hasher, Clock clock, TokenCheckMetrics metrics,
                                ReadYourWrites readYourWrites) {
        this.model = model;
        this.hasher = hasher;
        this.clock = clock;
        this.metrics = metrics;
        this.readYourWrites = readYourWrites;
    }

    /** {@code minPosition}: optional, the {@code Ledger-Position} a command answered (read your own writes). */
    public record TokenCheckRequest(String token, Scope scope, Long minPosition) {
        public TokenCheckRequest {
            new PresentedToken(token); // refuses a missing or malformed token, as it always has
            required(scope, "scope");
        }

        PresentedToken presented() {
            return new PresentedToken(token);
        }

        @Override
        public String toString() {
            return "TokenCheckRequest[scope=" + scope + "]"; // never print the token
        }
    }

    /**
     * For an unknown token, only valid, available, reason and asOf: nothing about anyone. {@code available}
     * is false only inside a service suspension window (SERVICE_SUSPENDED): the token is not invalid, the
     * service is closed {@code until} that instant, {@code retryAfter} seconds from now.
     */
    public record TokenCheckResponse(boolean valid, boolean available, ValidityReason reason, LinkageId linkageId,
                                     AccountId accountId, ProviderId providerId, Set<Scope> scopes, Instant expiresAt,
                                     Instant until, Long retryAfter, AsOf asOf) {
    }

    @PostMapping
    public TokenCheckResponse check(@RequestBody TokenCheckRequest request) {
        if (!model.isCaughtUp()) {
            throw new NotReadyException("The token-validity model is still reading the event stream (at position "
                    + model.position() + "); retry in a moment.");
        }
        readYourWrites.awaitOrRefuse(request.minPosition());
        Instant now = clock.instant();
        long position = model.position();
        TokenVerdict verdict = model.check(request.presented().hashWith(hasher), request.scope(), now);
        metrics.checked(verdict.reason());
        AsOf asOf = new AsOf(now, position);
        LinkageFacts linkage = verdict.linkage();
        if (linkage == null) {
            return new TokenCheckResponse(false, true, verdict.reason(), null, null, null, null, null, null, null, asOf);
        }
        ServiceUnavailability closed = verdict.reason() == ValidityReason.SERVICE_SUSPENDED
                ? ServiceUnavailability.at(model.windows(), linkage.providerId(), now) : null;
        return new TokenCheckResponse(verdict.valid(), closed == null, verdict.reason(), linkage.linkageId(),
                linkage.accountId(), linkage.providerId(), linkage.scopes(), linkage.expiresAt(),
                closed == null ? null : closed.until(), closed == null ? null : closed.retryAfterSeconds(), asOf);
    }
}
