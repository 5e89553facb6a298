package jp.consentledger.command.infrastructure;

import jp.consentledger.command.config.CommandSideProperties;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Several command nodes may decide on the same aggregate at once; the event store's unique
 * (aggregate, sequence) index lets exactly one append win. The loser's command is dispatched again,
 * so it is decided afresh on the winner's events (and then usually refused or a no-op), a bounded
 * number of times; after that the caller gets 409 CONCURRENT_MODIFICATION. Never a duplicate event.
 */
@Configuration(proxyBeanMethods = false)
class LostRaceRetry {

    /**
     * Axon's JDBC default resolver recognises only SQLIntegrityConstraintViolationException, which the
     * PostgreSQL driver never throws; SQLSTATE 23505 (unique_violation) is the same on PostgreSQL and H2.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService lostRaceRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "lost-race-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService lostRaceRetryExecutor,
                                  CommandSideProperties properties) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new Scheduler(lostRaceRetryExecutor, properties.commands().lostRaceRetries()))
                .build();
    }

    /** Retries only a lost race, after a short random pause so two nodes do not collide in step again. */
    record Scheduler(ScheduledExecutorService executor, int maxRetries) implements RetryScheduler {
        @Override
        @SuppressWarnings("rawtypes") // as RetryScheduler declares it
        public boolean scheduleRetry(CommandMessage command, RuntimeException lastFailure,
                                     List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
            if (failures.size() > maxRetries || !isLostRace(lastFailure)) {
                return false;
            }
            executor.schedule(dispatchTask, ThreadLocalRandom.current().nextLong(1, 10L * failures.size() + 1),
                    TimeUnit.MILLISECONDS);
            return true;
        }

        static boolean isLostRace(Throwable failure) {
            return ExceptionUtils.findException(failure, ConcurrencyException.class).isPresent()
                    || ExceptionUtils.findException(failure, AggregateStreamCreationException.class).isPresent();
        }
    }
}
