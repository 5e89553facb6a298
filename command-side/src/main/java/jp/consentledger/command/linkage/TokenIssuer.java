package jp.consentledger.command.linkage;

import jp.consentledger.command.config.CommandSideProperties;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.token.TokenHasher;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes tokens: 256 random bits, URL-safe, handed to the caller once. Only the keyed hash goes
 * further (into the command, the event, the read models).
 */
@Component
public class TokenIssuer {
    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final TokenHasher hasher;

    public TokenIssuer(CommandSideProperties properties) {
        String secret = properties.token().hmacSecret();
        this.hasher = new TokenHasher(secret.getBytes(StandardCharsets.UTF_8));
    }

    public record IssuedToken(String token, TokenHash hash) {
        @Override
        public String toString() {
            return "IssuedToken[hash=" + hash + "]"; // never print the token
        }
    }

    public IssuedToken issue() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new IssuedToken(token, hasher.hash(token));
    }
}
