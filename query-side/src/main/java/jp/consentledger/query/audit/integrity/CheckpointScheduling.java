package jp.consentledger.query.audit.integrity;

import jp.consentledger.query.role.FullNode;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Checkpoints are signed on a schedule (ledger.audit.checkpoint-interval) as well as on demand. */
@FullNode
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CheckpointScheduling {
}
