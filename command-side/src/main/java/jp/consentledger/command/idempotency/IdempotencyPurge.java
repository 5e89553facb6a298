package jp.consentledger.command.idempotency;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;

/** Drops keys (and their sealed answers) past the retention; every node may run it, a DELETE is harmless twice. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IdempotencyPurge {
    private final IdempotencyStore store;
    private final IdempotencyProperties properties;
    private final Clock clock;

    IdempotencyPurge(IdempotencyStore store, IdempotencyProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ledger.idempotency.purge-interval:PT1H}", initialDelayString = "PT1M")
    void purgeExpired() {
        store.purgeCreatedBefore(clock.instant().minus(properties.retention()));
    }
}
