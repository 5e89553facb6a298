package jp.consentledger.query.infrastructure;

import jp.consentledger.query.QuerySideProperties;
import jp.consentledger.serialization.EventStoreContract;
import jp.consentledger.kernel.provider.LegacyProviderRegistration;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The query side reads the command side's event store (same layout, same JSON) and keeps its own
 * processors' tokens in the read-model schema.
 */
@Configuration(proxyBeanMethods = false)
public class AxonReadConfiguration {

    /** Registrations recorded with a secret hash (revision 1) are read without it (docs/provider-credentials.md). */
    @Bean
    public LegacyProviderRegistration legacyProviderRegistration() {
        return new LegacyProviderRegistration();
    }

    @Bean
    public EventSchema eventSchema() {
        return EventStoreContract.eventSchema();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("read_model.qry_token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    /** The command side's JDBC store, read as it writes it. */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EventStorageEngine ledgerEventStorage(ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 org.axonframework.config.Configuration axon) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .eventSerializer(EventStoreContract.serializer())
                .snapshotSerializer(EventStoreContract.serializer())
                .upcasterChain(axon.upcasterChain())
                .schema(EventStoreContract.eventSchema())
                .build();
    }

    /**
     * Another process appends the events, so this side learns of them by polling: the fetch delay
     * bounds how long a revocation waits before every processor here sees it.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EventStore eventStore(EventStorageEngine storage, QuerySideProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storage)
                .fetchDelay(properties.eventStore().fetchDelay().toMillis())
                .build();
    }
}
