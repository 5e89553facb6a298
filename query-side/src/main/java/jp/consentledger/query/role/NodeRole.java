package jp.consentledger.query.role;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What a query node serves, from {@code ledger.role} (env {@code LEDGER_ROLE}): {@link #FULL} (the
 * default) runs every read model; {@link #GATEWAY} runs only the in-memory token-validity model and
 * answers token checks, so a node scaled out for the API gateway never replays nor writes the JDBC
 * read models.
 */
public enum NodeRole {
    FULL, GATEWAY;

    static final String PROPERTY = "ledger.role";

    /**
     * Bound as Spring binds any property, so every spelling the binder accepts means the same role
     * everywhere; a value that names no role fails startup with the binder's message and the valid values.
     */
    public static NodeRole of(Environment environment) {
        return Binder.get(environment).bind(PROPERTY, NodeRole.class).orElse(FULL);
    }
}
