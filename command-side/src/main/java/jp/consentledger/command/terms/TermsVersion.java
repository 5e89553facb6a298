package jp.consentledger.command.terms;

import jp.consentledger.kernel.refusal.Refusal;
import jp.consentledger.kernel.refusal.RefusalCode;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.terms.PublishTermsVersion;
import jp.consentledger.kernel.terms.TermsVersionPublishedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One published version of the terms (規定の版). Published once; a change is a new version. */
@Aggregate
public class TermsVersion {
    private TermsVersionId version;

    protected TermsVersion() {
        // for Axon
    }

    /** The identifier as stored since the first event (TermsVersionId#aggregateIdentifier), never its toString(). */
    @AggregateIdentifier
    String aggregateIdentifier() {
        return version == null ? null : version.aggregateIdentifier();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(PublishTermsVersion command) {
        if (version != null) {
            throw new Refusal(RefusalCode.TERMS_VERSION_ALREADY_PUBLISHED,
                    "Terms version '" + command.version().value() + "' is already published; publish a change as a new version.");
        }
        apply(new TermsVersionPublishedEvent(command.version(), command.effectiveFrom(), command.documentSha256(),
                command.publishedAt()));
    }

    @EventSourcingHandler
    void on(TermsVersionPublishedEvent event) {
        version = event.version();
    }
}
