package jp.consentledger.command.provider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class SecretHashing {
    @Bean
    PasswordEncoder providerSecretHasher() {
        return new BCryptPasswordEncoder();
    }
}
