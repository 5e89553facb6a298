package jp.consentledger.command.infrastructure;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.task.Task;
import jp.consentledger.command.config.CommandSideProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;

/**
 * Axon's deadlines on db-scheduler, in the ledger's own database: a linkage's expiry and a
 * registration's lapse are recorded at their time even if the process restarted in between. Given
 * this Scheduler, Axon's auto-configuration builds the DbSchedulerDeadlineManager and its tasks.
 */
@Configuration(proxyBeanMethods = false)
public class DurableDeadlines {
    public static final String TABLE = "cmd_scheduled_tasks";

    /**
     * Through a transaction-aware proxy, a deadline scheduled by a command is written in the same
     * transaction as the command's events: a refused command leaves no deadline behind. The
     * scheduler reads the ledger's clock, the one the aggregates' instants come from: on its own clock
     * an expiry would fall due by another time than the one it is recorded against.
     */
    @Bean
    public Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks, Clock clock,
                                       CommandSideProperties properties) {
        return new OnLedgerClock(new TransactionAwareDataSourceProxy(dataSource), tasks, clock)
                .tableName(TABLE)
                .pollingInterval(properties.deadlines().pollingInterval())
                .build();
    }

    /** db-scheduler takes its clock only through the builder's protected field. */
    private static final class OnLedgerClock extends SchedulerBuilder {
        OnLedgerClock(DataSource dataSource, List<Task<?>> tasks, Clock ledgerClock) {
            super(dataSource, tasks);
            this.clock = ledgerClock::instant;
        }
    }

    /** Starts after Axon (which runs the deadlines) has started, and stops before it stops. */
    @Bean
    SmartLifecycle deadlineSchedulerLifecycle(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE;
            }
        };
    }
}
