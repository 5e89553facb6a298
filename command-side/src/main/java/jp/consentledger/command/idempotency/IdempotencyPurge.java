package jp.consentledger.command.idempotency;

import jp.consentledger.command.config.CommandSideProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Clock;
import java.time.Duration;

/**
 * Drops keys (and their sealed answers) past the retention; every node may run it, a DELETE is harmless twice.
 * Scheduled here rather than by {@code @Scheduled}, so its interval comes from the side's settings record.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IdempotencyPurge implements SchedulingConfigurer {
    private static final Duration INITIAL_DELAY = Duration.ofMinutes(1);

    private final IdempotencyStore store;
    private final CommandSideProperties.Idempotency properties;
    private final Clock clock;

    IdempotencyPurge(IdempotencyStore store, CommandSideProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties.idempotency();
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::purgeExpired, properties.purgeInterval(), INITIAL_DELAY));
    }

    void purgeExpired() {
        store.purgeCreatedBefore(clock.instant().minus(properties.retention()));
    }
}
