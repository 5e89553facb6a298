package jp.consentledger.query.tokencheck;

import jp.consentledger.kernel.common.AccountId;
import jp.consentledger.kernel.common.LinkageId;
import jp.consentledger.kernel.common.ProviderId;
import jp.consentledger.kernel.common.Scope;
import jp.consentledger.kernel.common.TokenHasher;
import jp.consentledger.kernel.validity.ConsentFacts.LinkageFacts;
import jp.consentledger.kernel.validity.TokenVerdict;
import jp.consentledger.kernel.validity.ValidityReason;
import jp.consentledger.query.infrastructure.AsOf;
import jp.consentledger.query.infrastructure.NotReadyException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import static jp.consentledger.kernel.common.Identifiers.required;

/** The API gateway's question, for every call a provider makes: is this token valid now, for this scope? */
@RestController
@RequestMapping("/api/v1/token-checks")
public class TokenCheckController {
    private static final int MAX_TOKEN_LENGTH = 256;

    private final TokenValidityModel model;
    private final TokenHasher hasher;
    private final Clock clock;
    private final TokenCheckMetrics metrics;

    public TokenCheckController(TokenValidityModel model, TokenHasher hasher, Clock clock, TokenCheckMetrics metrics) {
        this.model = model;
        this.hasher = hasher;
        this.clock = clock;
        this.metrics = metrics;
    }

    public record TokenCheckRequest(String token, Scope scope) {
        public TokenCheckRequest {
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("token is required");
            }
            if (token.length() > MAX_TOKEN_LENGTH || !token.chars().allMatch(c -> c > 32 && c < 127)) {
                throw new IllegalArgumentException("token must be at most " + MAX_TOKEN_LENGTH + " printable ASCII characters");
            }
            required(scope, "scope");
        }

        @Override
        public String toString() {
            return "TokenCheckRequest[scope=" + scope + "]"; // never print the token
        }
    }

    /** For an unknown token, only valid, reason and asOf: nothing about anyone. */
    public record TokenCheckResponse(boolean valid, ValidityReason reason, LinkageId linkageId, AccountId accountId,
                                     ProviderId providerId, Set<Scope> scopes, Instant expiresAt, AsOf asOf) {
    }

    @PostMapping
    public TokenCheckResponse check(@RequestBody TokenCheckRequest request) {
        if (!model.isCaughtUp()) {
            throw new NotReadyException("The token-validity model is still reading the event stream (at position "
                    + model.position() + "); retry in a moment.");
        }
        Instant now = clock.instant();
        long position = model.position();
        TokenVerdict verdict = model.check(hasher.hash(request.token()), request.scope(), now);
        metrics.checked(verdict.reason());
        AsOf asOf = new AsOf(now, position);
        LinkageFacts linkage = verdict.linkage();
        if (linkage == null) {
            return new TokenCheckResponse(false, verdict.reason(), null, null, null, null, null, asOf);
        }
        return new TokenCheckResponse(verdict.valid(), verdict.reason(), linkage.linkageId(), linkage.accountId(),
                linkage.providerId(), linkage.scopes(), linkage.expiresAt(), asOf);
    }
}
