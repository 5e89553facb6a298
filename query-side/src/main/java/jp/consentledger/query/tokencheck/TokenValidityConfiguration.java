package jp.consentledger.query.tokencheck;

import jp.consentledger.query.QuerySideProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import jp.consentledger.kernel.token.TokenHasher;

import java.nio.charset.StandardCharsets;

@Configuration(proxyBeanMethods = false)
class TokenValidityConfiguration {

    @Bean
    TokenHasher tokenHasher(QuerySideProperties properties) {
        return new TokenHasher(properties.token().hmacSecret().getBytes(StandardCharsets.UTF_8));
    }
}
