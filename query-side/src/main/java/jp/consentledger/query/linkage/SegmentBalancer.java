package jp.consentledger.query.linkage;

import jp.consentledger.query.QuerySideProperties;
import jp.consentledger.query.role.FullNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Spreads the linkage directory's segments over the query nodes that share the database, and lets a
 * survivor take over a dead node's segments. Axon's pooled processor claims every free segment it may,
 * so the first node up would otherwise keep them all: each node announces itself in qry_node, may
 * claim at most its fair share (segments / live nodes, rounded up) and releases what is above it.
 * A node that stops announcing itself for longer than the claim timeout no longer counts, so its share
 * grows back onto the others as soon as its claims expire.
 */
@FullNode
@Component
public class SegmentBalancer implements MaxSegmentProvider, SmartLifecycle, SchedulingConfigurer {
    private final String nodeId = UUID.randomUUID().toString();
    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;
    private final Duration claimTimeout;
    private final Duration interval;
    private final Clock clock;
    private volatile int fairShare = Short.MAX_VALUE;
    private volatile boolean running;

    SegmentBalancer(JdbcClient jdbc, @Lazy EventProcessingConfiguration processing, Clock clock,
                    @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout,
                    QuerySideProperties properties) {
        this.interval = properties.segmentBalancer().interval();
        this.jdbc = jdbc;
        this.processing = processing;
        this.clock = clock;
        this.claimTimeout = claimTimeout;
    }

    @Override
    public int getMaxSegments(String processingGroup) {
        return fairShare;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::balance, interval, Duration.ZERO));
    }

    void balance() {
        if (!running) {
            return;
        }
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        if (jdbc.sql("UPDATE read_model.qry_node SET seen_at = ? WHERE node_id = ?").params(now, nodeId).update() == 0) {
            jdbc.sql("INSERT INTO read_model.qry_node (node_id, seen_at) VALUES (?, ?)").params(nodeId, now).update();
        }
        long liveNodes = jdbc.sql("SELECT COUNT(*) FROM read_model.qry_node WHERE seen_at > ?")
                .param(now.minus(claimTimeout)).query(Long.class).single();
        long segments = jdbc.sql("SELECT COUNT(*) FROM read_model.qry_token_entry WHERE processor_name = ?")
                .param(LinkageDirectoryProjection.PROCESSING_GROUP).query(Long.class).single();
        if (segments == 0) {
            return; // not initialised yet: the first claimer creates them
        }
        fairShare = (int) Math.max(1, (segments + liveNodes - 1) / Math.max(1, liveNodes));
        processing.eventProcessor(LinkageDirectoryProjection.PROCESSING_GROUP, PooledStreamingEventProcessor.class)
                .ifPresent(processor -> {
                    List<Integer> claimed = processor.processingStatus().keySet().stream().sorted().toList();
                    claimed.stream().skip(fairShare).forEach(processor::releaseSegment);
                });
    }

    @Override
    public void start() {
        running = true;
    }

    /** A node that stops cleanly leaves at once, so the others need not wait for it to go stale. */
    @Override
    public void stop() {
        running = false;
        jdbc.sql("DELETE FROM read_model.qry_node WHERE node_id = ?").param(nodeId).update();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
