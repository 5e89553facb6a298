package jp.consentledger.query.tokensnapshot;

import java.time.Duration;
import jp.consentledger.query.QuerySideProperties;
import jp.consentledger.query.role.FullNode;
import jp.consentledger.query.tokencheck.TokenValidityModel;
import jp.consentledger.query.tokencheck.TokenValidityModel.Captured;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Full nodes save the token-validity model every {@code ledger.token-validity.snapshot-interval} (5 min)
 * once it has caught up, so that a node starting later (a gateway node scaled out under load, above all)
 * reads a snapshot and the events after it instead of the whole stream. Gateway nodes only read
 * snapshots: they write nothing to the database. The copy holds the model for the time it takes to copy
 * references (the facts are immutable); serializing and writing happen outside it.
 */
@FullNode
@Component
class SnapshotWriter implements SchedulingConfigurer {
    private static final Logger log = LoggerFactory.getLogger(SnapshotWriter.class);

    private final TokenValidityModel model;
    private final TokenValiditySnapshots snapshots;
    private final Duration interval;
    private long lastSaved = -1;

    SnapshotWriter(TokenValidityModel model, TokenValiditySnapshots snapshots, QuerySideProperties properties) {
        this.model = model;
        this.snapshots = snapshots;
        this.interval = properties.tokenValidity().snapshotInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::save, interval, interval));
    }

    void save() {
        if (!model.isCaughtUp() || model.position() == lastSaved) {
            return;
        }
        Captured captured = model.capture();
        if (captured != null && snapshots.save(captured)) {
            lastSaved = captured.position();
            log.info("Token-validity snapshot saved at event position {} ({} linkages)", captured.position(),
                    captured.facts().linkages().size());
        }
    }
}
