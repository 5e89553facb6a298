package jp.consentledger.query.breach;

import jp.consentledger.query.role.FullNode;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The breach register's handlers keep their own processing group (its name is what a projection failure
 * names) but run in the audit index's processor: one read of the stream for both, one position, one
 * transaction per batch. A store from before keeps the two apart at two positions; migration V101 has both
 * rebuilt once.
 */
@FullNode
@Configuration(proxyBeanMethods = false)
class BreachRegisterReading {

    @Bean
    ConfigurerModule breachRegisterReadInTheAuditIndexPass() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .assignProcessingGroup(BreachRegisterProjection.PROCESSING_GROUP, BreachRegisterProjection.PROCESSOR));
    }
}
