package jp.consentledger.query.linkage;

import jp.consentledger.query.role.FullNode;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Duration;

@FullNode
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SegmentBalancing {

    /** Claims are extended well within the timeout, so a live node never loses one to another. */
    @Bean
    ConfigurerModule linkageDirectoryClaimsFairShare(SegmentBalancer balancer,
                                                     @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessorConfiguration(LinkageDirectoryProjection.PROCESSING_GROUP,
                        (config, builder) -> builder.maxSegmentProvider(balancer)
                                .claimExtensionThreshold(claimTimeout.toMillis() / 3)));
    }
}
