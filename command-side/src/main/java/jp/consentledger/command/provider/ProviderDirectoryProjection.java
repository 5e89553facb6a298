package jp.consentledger.command.provider;

import jp.consentledger.command.lookup.CommandLookups;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderStatus;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderTerminatedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The provider directory as a lookup table (cmd_provider_directory), kept by the command lookups' processor. */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
class ProviderDirectoryProjection implements ProviderDirectory {
    private final JdbcClient jdbc;

    ProviderDirectoryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProviderRegisteredEvent event) {
        jdbc.sql("INSERT INTO cmd_provider_directory (provider_id, status) VALUES (?, ?)")
                .params(event.providerId().value(), ProviderStatus.ACTIVE.name()).update();
    }

    @EventHandler
    void on(ProviderSuspendedEvent event) {
        setStatus(event.providerId(), ProviderStatus.SUSPENDED);
    }

    @EventHandler
    void on(ProviderReinstatedEvent event) {
        setStatus(event.providerId(), ProviderStatus.ACTIVE);
    }

    @EventHandler
    void on(ProviderTerminatedEvent event) {
        setStatus(event.providerId(), ProviderStatus.TERMINATED);
    }

    private void setStatus(ProviderId providerId, ProviderStatus status) {
        jdbc.sql("UPDATE cmd_provider_directory SET status = ? WHERE provider_id = ?")
                .params(status.name(), providerId.value()).update();
    }

    @Override
    public Optional<ProviderStatus> statusOf(ProviderId providerId) {
        return jdbc.sql("SELECT status FROM cmd_provider_directory WHERE provider_id = ?")
                .param(providerId.value()).query(String.class).optional().map(ProviderStatus::valueOf);
    }
}
