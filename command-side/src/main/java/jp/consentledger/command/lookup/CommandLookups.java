package jp.consentledger.command.lookup;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The processing group of the command side's own lookup tables, for decisions that span aggregates
 * (is the provider active, which terms are in force, which account holds a linkage). Each feature
 * fills its own table from its events; all of them run in this one subscribing processor, in the
 * transaction that appends the events, so a decision never sees a committed event missing here.
 */
@Configuration(proxyBeanMethods = false)
public class CommandLookups {
    /** The processor's name since the first release: configuration (axon.eventhandling.processors) names it. */
    public static final String PROCESSING_GROUP = "command-lookups";

    /**
     * The lookups promise never to miss a committed event, so a failure there must fail the command and
     * roll back its events; Axon's default error handler would only log it and commit the events anyway.
     */
    @Bean
    public ConfigurerModule commandLookupsFailTheCommand() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerListenerInvocationErrorHandler(
                PROCESSING_GROUP, config -> PropagatingErrorHandler.instance()));
    }
}
