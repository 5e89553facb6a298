package jp.consentledger.command.audit;

import jp.consentledger.serialization.ChainLinking;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Tamper evidence on Axon Server, whose store has no columns for the chain: every event published is linked
 * in its own metadata ({@link ChainLinking}, layout v2). The JDBC store keeps its columns instead
 * ({@link HashChainedEventStoreConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
public class MetadataChainConfiguration {

    @Bean
    public SmartInitializingSingleton chainLinkedEvents(EventStore eventStore,
                                                       @Qualifier("eventSerializer") Serializer eventSerializer,
                                                       Clock clock) {
        // As on the JDBC store: an event's recorded time comes from the ledger's clock (millisecond ticks).
        GenericEventMessage.clock = clock;
        return () -> eventStore.registerDispatchInterceptor(new ChainLinking(eventStore, eventSerializer));
    }
}
