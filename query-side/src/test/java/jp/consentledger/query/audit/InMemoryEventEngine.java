package jp.consentledger.query.audit;

import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * When the audit tests run on Axon's in-memory engine ({@link AuditTestContext#IN_MEMORY}): the query node reads
 * its events from the test store's in-memory engine instead of the JDBC table, through the same event store and
 * processors as in production. Nothing else changes, so the node finds a store that is not JDBC, as on Axon Server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = InMemoryEventEngine.PROPERTY, havingValue = "in-memory")
public class InMemoryEventEngine {
    static final String PROPERTY = "ledger.test.event-engine";
    static final String STORE = "ledger.test.store";

    @Bean
    static BeanPostProcessor inMemoryInsteadOfJdbc(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof JdbcEventStorageEngine
                        ? AuditTestContext.inMemoryEngine(environment.getRequiredProperty(STORE)) : bean;
            }
        };
    }
}
