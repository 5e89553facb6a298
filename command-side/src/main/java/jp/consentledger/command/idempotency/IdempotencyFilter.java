package jp.consentledger.command.idempotency;

import jp.consentledger.command.config.CommandSideProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.consentledger.web.problem.ProblemResponses;
import jp.consentledger.web.http.RequestBodyLimitFilter.CachedBodyRequest;
import jp.consentledger.kernel.refusal.RefusalCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on every command (POST, PUT, PATCH, DELETE under /api). The key is scoped
 * to the authenticated principal. The first request with a key is carried out and its answer kept;
 * a repeat with the same method, path and body gets that answer back ({@code Idempotency-Replayed:
 * true}) without anything being dispatched; the same key with another request is 422; a repeat
 * while the first is still running is 409. Answers that decided nothing (malformed input, a
 * concurrent modification to retry, a server error) are not kept, so the key can be used again.
 * Runs after authentication: an unauthenticated or forbidden request never touches the store.
 */
@Component
public class IdempotencyFilter extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Set<String> COMMAND_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdempotencyStore store;
    private final AnswerCipher cipher;
    private final CommandSideProperties.Idempotency properties;
    private final Clock clock;

    IdempotencyFilter(IdempotencyStore store, CommandSideProperties properties, Clock clock) {
        this.store = store;
        this.cipher = new AnswerCipher(properties.idempotency().key());
        this.properties = properties.idempotency();
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null || !COMMAND_METHODS.contains(request.getMethod())
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!VALID_KEY.matcher(key).matches()) {
            ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, "INVALID_IDEMPOTENCY_KEY",
                    "Invalid Idempotency-Key", "Idempotency-Key must be 1 to 255 printable ASCII characters.");
            return;
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String principal = caller == null ? "" : caller.getName();
        CachedBodyRequest cached = WebUtils.getNativeRequest(request, CachedBodyRequest.class);
        byte[] body = cached != null ? cached.body() : new byte[0];
        String keyHash = sha256(utf8(principal), utf8(key));
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        String requestHash = sha256(utf8(request.getMethod()), utf8(request.getRequestURI() + query), utf8(principal), body);

        IdempotencyStore.Claim claim = store.claim(keyHash, requestHash, clock.instant(), properties.inFlightTimeout());
        if (claim instanceof IdempotencyStore.Reused) {
            ProblemResponses.write(request, response, HttpStatus.UNPROCESSABLE_ENTITY, "IDEMPOTENCY_KEY_REUSED",
                    "Idempotency-Key reused",
                    "This Idempotency-Key was first used for a different request; use a new key for a new request.");
        } else if (claim instanceof IdempotencyStore.InFlight) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            ProblemResponses.write(request, response, HttpStatus.CONFLICT, "IDEMPOTENCY_KEY_IN_FLIGHT",
                    "Idempotency-Key in flight", "The first request with this Idempotency-Key is still being handled; retry shortly.");
        } else if (claim instanceof IdempotencyStore.Completed first) {
            replay(request, response, first, keyHash);
        } else {
            firstTime(request, response, chain, keyHash);
        }
    }

    private void replay(HttpServletRequest request, HttpServletResponse response, IdempotencyStore.Completed first,
                        String keyHash) throws IOException {
        Optional<byte[]> answer = cipher.open(first.sealedAnswer(), keyHash);
        if (answer.isEmpty()) {
            ProblemResponses.write(request, response, HttpStatus.CONFLICT, "IDEMPOTENCY_ANSWER_UNREADABLE",
                    "First answer unreadable", "The first answer to this Idempotency-Key was sealed under another key; use a new key.");
            return;
        }
        response.setStatus(first.status());
        if (first.contentType() != null) {
            response.setContentType(first.contentType());
        }
        response.setHeader("Idempotency-Replayed", "true");
        response.getOutputStream().write(answer.get());
    }

    private void firstTime(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String keyHash)
            throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(request, recorded);
            byte[] answer = recorded.getContentAsByteArray();
            if (decided(recorded.getStatus(), answer)) {
                store.complete(keyHash, recorded.getStatus(), recorded.getContentType(), cipher.seal(answer, keyHash),
                        clock.instant());
                kept = true;
            }
        } finally {
            if (!kept) {
                store.release(keyHash);
            }
            recorded.copyBodyToResponse();
        }
    }

    /** Whether the answer records a decision worth repeating: success, or a business refusal. */
    private static boolean decided(int status, byte[] answer) {
        if (status >= 200 && status < 300) {
            return true;
        }
        if (status != 404 && status != 409 && status != 422) {
            return false;
        }
        try {
            JsonNode code = JSON.readTree(answer).path("code");
            return code.isTextual() && !RefusalCode.CONCURRENT_MODIFICATION.name().equals(code.asText());
        } catch (IOException notJson) {
            return false;
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Each part length-prefixed, so no two different sequences of parts hash alike. */
    private static String sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(part.length).array());
                digest.update(part);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
