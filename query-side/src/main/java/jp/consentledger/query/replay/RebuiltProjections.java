package jp.consentledger.query.replay;

import jp.consentledger.query.audit.index.AuditIndexProjection;
import jp.consentledger.query.audit.index.EventRows;
import jp.consentledger.query.breach.BreachRegisterProjection;
import jp.consentledger.query.linkage.LinkageDirectoryProjection;
import jp.consentledger.query.position.EventPositions;
import jp.consentledger.query.role.FullNode;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.TreeMap;

/**
 * The JDBC read models a replay rebuilds, named one by one: a fresh instance of each projection writing into the
 * rebuild's database, reading everything else (the event table, event positions) from the live store. A new
 * JDBC projection joins the replay here (the token-validity model is folded apart, in memory).
 */
@FullNode
@Component
class RebuiltProjections {
    private final EventRows events;
    private final EventPositions positions;

    RebuiltProjections(EventRows events, EventPositions positions) {
        this.events = events;
        this.positions = positions;
    }

    /** By processing group, in name order (the order a replay lists its models in). */
    Map<String, AnnotationEventHandlerAdapter> into(JdbcTemplate rebuilt) {
        JdbcClient jdbc = JdbcClient.create(rebuilt);
        Map<String, AnnotationEventHandlerAdapter> projections = new TreeMap<>();
        projections.put(AuditIndexProjection.PROCESSING_GROUP,
                new AnnotationEventHandlerAdapter(new AuditIndexProjection(rebuilt, events)));
        projections.put(BreachRegisterProjection.PROCESSING_GROUP,
                new AnnotationEventHandlerAdapter(new BreachRegisterProjection(jdbc, positions)));
        projections.put(LinkageDirectoryProjection.PROCESSING_GROUP,
                new AnnotationEventHandlerAdapter(new LinkageDirectoryProjection(jdbc, positions)));
        return projections;
    }
}
