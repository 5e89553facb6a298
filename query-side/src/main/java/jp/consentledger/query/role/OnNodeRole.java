package jp.consentledger.query.role;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition behind {@link FullNode} and {@link GatewayNode}: the node's {@link NodeRole} is the one asked for. */
class OnNodeRole extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        NodeRole wanted = metadata.isAnnotated(GatewayNode.class.getName()) ? NodeRole.GATEWAY : NodeRole.FULL;
        NodeRole role = NodeRole.of(context.getEnvironment());
        ConditionMessage.Builder message = ConditionMessage.forCondition(NodeRole.PROPERTY, wanted);
        return role == wanted ? ConditionOutcome.match(message.foundExactly(role))
                : ConditionOutcome.noMatch(message.found("role").items(role));
    }
}
