package jp.consentledger.query.role;

import org.springframework.context.annotation.Conditional;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Only on a {@link NodeRole#FULL full} query node: the JDBC read models (linkage directory, audit
 * index), what reads them, and what keeps them (processors, Merkle log, segment balancer). Without
 * these handler beans Axon creates no processor for their groups, whatever the yml configures.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnNodeRole.class)
public @interface FullNode {
}
