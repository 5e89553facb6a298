package jp.consentledger.query.observability;

import jp.consentledger.web.http.CorrelationIdFilter;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Log lines written while an event is handled carry the correlation id of the request that caused
 * it (recorded in the event's metadata by the command side), so one id follows a command from the
 * command side's request to every projection here.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerObservability {
    private static final String CORRELATION_KEY = "requestCorrelationId";

    @Bean
    ConfigurerModule eventCorrelationInLogs() {
        MessageHandlerInterceptor<EventMessage<?>> interceptor = (unitOfWork, chain) -> {
            Object id = unitOfWork.getMessage().getMetaData().get(CORRELATION_KEY);
            if (id == null) {
                return chain.proceed();
            }
            MDC.put(CorrelationIdFilter.MDC_KEY, String.valueOf(id));
            try {
                return chain.proceed();
            } finally {
                MDC.remove(CorrelationIdFilter.MDC_KEY);
            }
        };
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultHandlerInterceptor((config, name) -> interceptor));
    }
}
