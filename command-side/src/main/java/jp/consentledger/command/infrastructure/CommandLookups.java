package jp.consentledger.command.infrastructure;

import jp.consentledger.command.account.AccountDirectory;
import jp.consentledger.command.linkage.LinkageRoutes;
import jp.consentledger.command.provider.ProviderDirectory;
import jp.consentledger.command.terms.TermsCatalogue;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderStatus;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderTerminatedEvent;
import jp.consentledger.kernel.terms.TermsVersionPublishedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.consentledger.kernel.time.LedgerTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The command side's own lookup tables, for decisions that span aggregates (is the provider active,
 * which terms are in force, which account holds a linkage). A subscribing processor fills them in
 * the transaction that appends the events, so a decision never sees a committed event missing here.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class CommandLookups implements ProviderDirectory, TermsCatalogue, LinkageRoutes, AccountDirectory {
    public static final String PROCESSING_GROUP = "command-lookups";

    private final JdbcClient jdbc;

    public CommandLookups(JdbcClient jdbc) {
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

    @EventHandler
    void on(TermsVersionPublishedEvent event) {
        jdbc.sql("INSERT INTO cmd_terms_version (version, effective_from, published_at) VALUES (?, ?, ?)")
                .params(event.version().value(), utc(event.effectiveFrom()), utc(event.publishedAt()))
                .update();
    }

    @EventHandler
    void on(AccountRegisteredEvent event) {
        jdbc.sql("INSERT INTO cmd_account_directory (account_id) VALUES (?)").param(event.accountId().value()).update();
    }

    @EventHandler
    void on(LinkageGrantedEvent event) {
        jdbc.sql("INSERT INTO cmd_linkage_route (linkage_id, account_id, provider_id, expires_at) VALUES (?, ?, ?, ?)")
                .params(event.linkageId().value(), event.accountId().value(), event.providerId().value(),
                        utc(event.expiresAt()))
                .update();
    }

    @EventHandler
    void on(LinkageRevocationConfirmedEvent event) {
        markRevoked(event.linkageId());
    }

    @EventHandler
    void on(LinkageRevokedAtBankEvent event) {
        markRevoked(event.linkageId());
    }

    private void markRevoked(LinkageId linkageId) {
        jdbc.sql("UPDATE cmd_linkage_route SET revoked = TRUE WHERE linkage_id = ?").param(linkageId.value()).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return LedgerTime.storable(instant); // any instant an event may hold, never a DateTimeException
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

    @Override
    public Optional<TermsVersionId> versionInForceAt(Instant instant) {
        // Latest effective date wins; among versions effective at the same moment, the later publication.
        return jdbc.sql("SELECT version FROM cmd_terms_version WHERE effective_from <= ?"
                        + " ORDER BY effective_from DESC, published_at DESC FETCH FIRST 1 ROWS ONLY")
                .param(utc(instant)).query(String.class).optional().map(TermsVersionId::new);
    }

    @Override
    public boolean isPublished(TermsVersionId version) {
        return jdbc.sql("SELECT COUNT(*) FROM cmd_terms_version WHERE version = ?")
                .param(version.value()).query(Integer.class).single() > 0;
    }

    @Override
    public Optional<AccountId> accountOf(LinkageId linkageId) {
        return jdbc.sql("SELECT account_id FROM cmd_linkage_route WHERE linkage_id = ?")
                .param(linkageId.value()).query(String.class).optional().map(AccountId::new);
    }

    @Override
    public Optional<ProviderId> providerOf(LinkageId linkageId) {
        return jdbc.sql("SELECT provider_id FROM cmd_linkage_route WHERE linkage_id = ?")
                .param(linkageId.value()).query(String.class).optional().map(ProviderId::new);
    }

    @Override
    public List<Route> liveLinkagesOfAccount(AccountId accountId, Instant at) {
        return liveLinkagesWhere("account_id", accountId.value(), at);
    }

    @Override
    public List<Route> liveLinkagesOfProvider(ProviderId providerId, Instant at) {
        return liveLinkagesWhere("provider_id", providerId.value(), at);
    }

    private List<Route> liveLinkagesWhere(String column, String value, Instant at) {
        return jdbc.sql("SELECT linkage_id, account_id, provider_id FROM cmd_linkage_route"
                        + " WHERE " + column + " = ? AND NOT revoked AND expires_at > ? ORDER BY linkage_id")
                .params(value, utc(at))
                .query((rs, row) -> new Route(new LinkageId(rs.getString(1)), new AccountId(rs.getString(2)),
                        new ProviderId(rs.getString(3))))
                .list();
    }

    @Override
    public boolean isRegistered(AccountId accountId) {
        return jdbc.sql("SELECT COUNT(*) FROM cmd_account_directory WHERE account_id = ?")
                .param(accountId.value()).query(Integer.class).single() > 0;
    }
}
