package jp.consentledger.query.failures;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every read model of this side reports and passes over an event its handler cannot apply (see {@link ProjectionFailures}). */
@Configuration(proxyBeanMethods = false)
class ProjectionFailureHandling {

    @Bean
    ConfigurerModule projectionFailuresAreAlertedAndPassedOver(ProjectionFailures failures) {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultListenerInvocationErrorHandler(config -> failures));
    }
}
