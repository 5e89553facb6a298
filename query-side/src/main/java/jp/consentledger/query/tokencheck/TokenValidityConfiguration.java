package jp.consentledger.query.tokencheck;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import jp.consentledger.kernel.token.TokenHasher;

import java.nio.charset.StandardCharsets;

@Configuration(proxyBeanMethods = false)
class TokenValidityConfiguration {

    @Bean
    TokenHasher tokenHasher(@Value("${ledger.token.hmac-secret}") String secret) {
        return new TokenHasher(secret.getBytes(StandardCharsets.UTF_8));
    }
}
