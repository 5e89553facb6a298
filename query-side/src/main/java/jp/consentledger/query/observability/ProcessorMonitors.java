package jp.consentledger.query.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.TagsUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event processors' meters keep Axon's dimensional names ({@code eventProcessor_*}), tagged by processor
 * only: the dashboard groups by {@code processorName}, never by event type. Axon's default tags each message
 * with its payload type too: it builds the tags from each event and looks up its meters under them, for every
 * event in every processor. In a rebuild's profile (run 20261204-195434) the monitors were a fifth of each
 * processor's thread.
 */
@Configuration(proxyBeanMethods = false)
class ProcessorMonitors {

    @Bean
    @SuppressWarnings("unchecked") // Axon's own registration casts the same way: a processor's monitor sees events only
    ConfigurerModule processorMetersByProcessorOnly(MeterRegistry registry) {
        GlobalMetricRegistry metrics = new GlobalMetricRegistry(registry);
        return configurer -> configurer.configureMessageMonitor(EventProcessor.class, (config, type, name) -> {
            Tags tags = Tags.of(TagsUtil.PROCESSOR_NAME_TAG, name);
            return (MessageMonitor<Message<?>>) (MessageMonitor<?>)
                    metrics.registerEventProcessor("eventProcessor", message -> tags, message -> tags);
        });
    }
}
