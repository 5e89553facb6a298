package jp.consentledger.serialization;

import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * What both sides must agree on to share one event store: the JSON form of every Axon message
 * (EventStoreContract's serializer, not Axon's defaults), and one clock.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerSerializationAndClock {

    @Bean
    @Primary
    public Serializer serializer() {
        return EventStoreContract.serializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return EventStoreContract.serializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return EventStoreContract.serializer();
    }

    /** Millisecond ticks: validity is decided to the millisecond, and recorded times say no more than that. */
    @Bean
    public Clock clock() {
        return Clock.tickMillis(ZoneOffset.UTC);
    }
}
