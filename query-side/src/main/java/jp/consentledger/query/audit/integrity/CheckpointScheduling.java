package jp.consentledger.query.audit.integrity;

import jp.consentledger.query.QuerySideProperties;
import jp.consentledger.query.role.FullNode;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Duration;

/** Checkpoints are signed on a schedule (ledger.audit.checkpoint-interval) as well as on demand. */
@FullNode
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CheckpointScheduling implements SchedulingConfigurer {
    private final AuditLog log;
    private final Duration interval;

    CheckpointScheduling(AuditLog log, QuerySideProperties properties) {
        this.log = log;
        this.interval = properties.audit().checkpointInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(log::periodically, interval, interval));
    }
}
