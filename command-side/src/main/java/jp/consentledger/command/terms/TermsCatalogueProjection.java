package jp.consentledger.command.terms;

import jp.consentledger.command.lookup.CommandLookups;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.terms.TermsVersionPublishedEvent;
import jp.consentledger.kernel.time.LedgerTime;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/** The published terms versions as a lookup table (cmd_terms_version), kept by the command lookups' processor. */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
class TermsCatalogueProjection implements TermsCatalogue {
    private final JdbcClient jdbc;

    TermsCatalogueProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TermsVersionPublishedEvent event) {
        jdbc.sql("INSERT INTO cmd_terms_version (version, effective_from, published_at) VALUES (?, ?, ?)")
                .params(event.version().value(), LedgerTime.storable(event.effectiveFrom()),
                        LedgerTime.storable(event.publishedAt()))
                .update();
    }

    @Override
    public Optional<TermsVersionId> versionInForceAt(Instant instant) {
        // Latest effective date wins; among versions effective at the same moment, the later publication.
        return jdbc.sql("SELECT version FROM cmd_terms_version WHERE effective_from <= ?"
                        + " ORDER BY effective_from DESC, published_at DESC FETCH FIRST 1 ROWS ONLY")
                .param(LedgerTime.storable(instant)).query(String.class).optional().map(TermsVersionId::new);
    }

    @Override
    public boolean isPublished(TermsVersionId version) {
        return jdbc.sql("SELECT COUNT(*) FROM cmd_terms_version WHERE version = ?")
                .param(version.value()).query(Integer.class).single() > 0;
    }
}
