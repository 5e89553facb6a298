package jp.consentledger.command.linkage;

import jp.consentledger.command.lookup.CommandLookups;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.LinkageGrantedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.time.LedgerTime;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Which account holds each linkage, as a lookup table (cmd_linkage_route), kept by the command lookups' processor. */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
class LinkageRoutesProjection implements LinkageRoutes {
    private final JdbcClient jdbc;

    LinkageRoutesProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LinkageGrantedEvent event) {
        jdbc.sql("INSERT INTO cmd_linkage_route (linkage_id, account_id, provider_id, expires_at) VALUES (?, ?, ?, ?)")
                .params(event.linkageId().value(), event.accountId().value(), event.providerId().value(),
                        LedgerTime.storable(event.expiresAt())) // any instant an event may hold, never a DateTimeException
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
                .params(value, LedgerTime.storable(at))
                .query((rs, row) -> new Route(new LinkageId(rs.getString(1)), new AccountId(rs.getString(2)),
                        new ProviderId(rs.getString(3))))
                .list();
    }
}
