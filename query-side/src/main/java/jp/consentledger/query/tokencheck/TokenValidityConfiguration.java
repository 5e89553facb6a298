package jp.consentledger.query.tokencheck;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import jp.consentledger.kernel.common.TokenHasher;

import java.nio.charset.StandardCharsets;

@Configuration(proxyBeanMethods = false)
class TokenValidityConfiguration {

    /** The model lives in memory, so its position does too: every start replays the stream into it. */
    @Bean
    ConfigurerModule tokenValidityReplaysOnStart() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerTokenStore(
                TokenValidityModel.PROCESSING_GROUP, config -> new InMemoryTokenStore()));
    }

    @Bean
    TokenHasher tokenHasher(@Value("${ledger.token.hmac-secret}") String secret) {
        return new TokenHasher(secret.getBytes(StandardCharsets.UTF_8));
    }
}
