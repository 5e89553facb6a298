package jp.consentledger.command.infrastructure;

import jp.consentledger.serialization.EventStoreContract;
import jp.consentledger.kernel.provider.LegacyProviderRegistration;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;


/**
 * The event store's table layout (owned by Flyway, see db/migration) and its JSON form. Axon's JDBC
 * auto-configuration builds the storage engine and token store from these beans.
 */
@Configuration(proxyBeanMethods = false)
public class AxonStoreConfiguration {

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
                .setTokenTable("cmd_token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }
}
