package jp.consentledger.command.audit;

import jp.consentledger.serialization.EventStoreContract;
import jp.consentledger.serialization.HashChainedAppend;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Tamper evidence on write: the JDBC storage engine Axon's auto-configuration would build, except that
 * every appended event is linked into its aggregate's hash chain ({@link HashChainedAppend}). Axon's
 * EmbeddedEventStore picks this engine up in place of its own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class HashChainedEventStoreConfiguration {

    @Bean
    public EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer snapshotSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration axon,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager, Clock clock) {
        // An event's recorded time (its Axon timestamp, the audit's "knownAt") comes from the same clock
        // as the times the controllers put into commands, so the two clocks of DOMAIN.md stay comparable.
        GenericEventMessage.clock = clock;
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(axon.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(EventStoreContract.eventSchema())
                .appendEvents(new HashChainedAppend())
                .build();
    }
}
