package jp.consentledger.query.tokensnapshot;

import jp.consentledger.query.tokencheck.TokenValidityModel;
import jp.consentledger.query.tokencheck.TokenValidityModel.Captured;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Optional;

/**
 * The token-validity model lives in memory, so its position does too. A starting node loads the latest
 * snapshot, if any, into the model and hands the processor the token it reflects, so the processor reads
 * only the events after it; without one (or with one it cannot read, say from an older version) it
 * replays the whole stream, as before. Until the processor has caught up the check still answers 503.
 * Axon asks for the token store as it builds the processor, before the processor starts.
 */
@Configuration(proxyBeanMethods = false)
class SnapshotLoading {
    private static final Logger log = LoggerFactory.getLogger(SnapshotLoading.class);

    @Bean
    ConfigurerModule tokenValidityStartsFromItsSnapshot(ObjectProvider<TokenValidityModel> model,
                                                        ObjectProvider<TokenValiditySnapshots> snapshots) {
        return configurer -> configurer.eventProcessing(processing -> processing.registerTokenStore(
                TokenValidityModel.PROCESSING_GROUP, config -> {
                    InMemoryTokenStore store = new InMemoryTokenStore();
                    latest(snapshots.getObject()).ifPresent(snapshot -> {
                        model.getObject().restore(snapshot);
                        store.initializeTokenSegments(TokenValidityModel.PROCESSING_GROUP, 1, snapshot.token());
                        log.info("Token validity starts from its snapshot at event position {} ({} linkages)",
                                snapshot.position(), snapshot.facts().linkages().size());
                    });
                    return store;
                }));
    }

    private static Optional<Captured> latest(TokenValiditySnapshots snapshots) {
        try {
            return snapshots.latest();
        } catch (RuntimeException unreadable) {
            log.warn("The token-validity snapshot cannot be read ({}); replaying the whole event stream instead",
                    unreadable.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
