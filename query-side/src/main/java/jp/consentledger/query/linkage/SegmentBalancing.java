package jp.consentledger.query.linkage;

import jp.consentledger.query.role.FullNode;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.time.Duration;

@FullNode
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SegmentBalancing {

    /**
     * Claims are extended well within the timeout, so a live node never loses one to another. The processor keeps
     * its own time on the wall clock: Axon's default is its event clock, which the ledger sets to its own clock
     * (the recorded times of events), and a released or aborted segment is blocked from a new claim until that
     * clock passes a deadline. A ledger clock that stands still (the system tests') then never gave the segment
     * back (ProcessingOnWallTimeTest).
     * <p>
     * Its first segments start before the first event (a null token) rather than at the token the store names as
     * its tail, the same place asked of no one: on Axon Server, asking failed the node's start while the server
     * was unreachable, where the node should start and report not ready.
     */
    @Bean
    ConfigurerModule linkageDirectoryClaimsFairShare(SegmentBalancer balancer,
                                                     @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessorConfiguration(LinkageDirectoryProjection.PROCESSING_GROUP,
                        (config, builder) -> builder.maxSegmentProvider(balancer)
                                .initialToken(source -> null)
                                .claimExtensionThreshold(claimTimeout.toMillis() / 3)
                                .clock(Clock.systemUTC())));
    }
}
