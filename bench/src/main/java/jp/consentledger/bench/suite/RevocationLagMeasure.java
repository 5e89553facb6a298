package jp.consentledger.bench.suite;

import jp.consentledger.bench.commands.CommandBench;
import jp.consentledger.bench.history.GeneratedHistory;
import jp.consentledger.bench.lag.RevocationLag;
import jp.consentledger.bench.nodes.LedgerNodes;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.List;

/** Measure 4: from a revocation confirmed to the token check answering invalid, on one store (4a) and across nodes (4b). */
public final class RevocationLagMeasure {
    private final SuiteRun run;

    public RevocationLagMeasure(SuiteRun run) {
        this.run = run;
    }

    /** 4a: one command side and one settled query node, {@code described}, on the big store. */
    void onOneStore(LedgerNodes.Node command, LedgerNodes.Node query, GeneratedHistory history, String described)
            throws Exception {
        int samples = run.plan().lagSamples();
        Histogram lag = RevocationLag.measure(command, command, query, history.currentTerms().value(), samples,
                run.console());
        RevocationLag.report("4a", String.format("same store: one command side and one %s, on the embedded"
                + " default, %,d tokens in the model", described, history.linkages()), lag, samples, run.results());
    }

    /**
     * 4b: the bank's multi-node deployment on PostgreSQL, two command nodes and two query
     * nodes, each its own JVM: grants through one command node, the revocation through the other,
     * and the token checked at a query node that shares nothing with either but the event table.
     */
    void acrossNodes(LedgerNodes nodes, LedgerNodes.Node command1, List<String> onPostgres) throws Exception {
        try (LedgerNodes.Node command2 = nodes.commandSide("lag-pg-2", run.scratch("lag-pg-2"), onPostgres);
             LedgerNodes.Node query1 = nodes.querySide("lag-pg-1", run.scratch("lag-pg-1"), onPostgres);
             LedgerNodes.Node query2 = nodes.querySide("lag-pg-2", run.scratch("lag-pg-2q"), onPostgres)) {
            command2.awaitReady(Duration.ofMinutes(3));
            query1.awaitReady(Duration.ofMinutes(5));
            query2.awaitReady(Duration.ofMinutes(5));
            String terms = CommandBench.publishTerms(command1);
            Histogram lag = RevocationLag.measure(command1, command2, query2, terms, run.plan().lagSamples(), run.console());
            RevocationLag.report("4b", "across nodes: granted on command node 1, revoked on command node 2, checked on"
                    + " query node 2 of 2 (PostgreSQL)", lag, run.plan().lagSamples(), run.results());
        }
    }
}
