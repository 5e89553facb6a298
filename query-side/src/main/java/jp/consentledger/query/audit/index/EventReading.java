package jp.consentledger.query.audit.index;

import jp.consentledger.query.role.FullNode;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How the audit reads the stored events: from the event table where the node reads a JDBC store (the
 * command side's columns hold the chain), otherwise through Axon's event-store API (Axon Server).
 */
@FullNode
@Configuration(proxyBeanMethods = false)
class EventReading {

    @Bean
    EventRows eventRows(ObjectProvider<EventStorageEngine> storage, EventStore store, JdbcClient jdbc) {
        return storage.getIfAvailable() instanceof JdbcEventStorageEngine ? new JdbcEventRows(jdbc) : new AxonEventRows(store);
    }
}
