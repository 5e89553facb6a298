package jp.consentledger.system.embedded;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One running ledger (both sides, one store, one clock) for every test class that asks for a
 * {@link LedgerDriver}: application contexts cost seconds, so they are started once per test run
 * and closed when it ends. Tests therefore make their own providers and accounts, and read "now"
 * from the shared clock, which only ever moves forward.
 */
final class SharedLedger implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LedgerDriver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedLedger.class))
                .getOrComputeIfAbsent(LedgerDriver.class, key -> new LedgerDriver(), LedgerDriver.class);
    }
}
