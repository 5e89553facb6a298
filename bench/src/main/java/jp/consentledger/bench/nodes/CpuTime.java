package jp.consentledger.bench.nodes;

import java.time.Duration;

/**
 * CPU time spent so far by a process, and by every PostgreSQL process on the machine (the stores the suite
 * starts are the only ones), as the operating system counts it: what a measure costs, beside how long it took.
 */
public record CpuTime(Duration node, Duration postgres) {

    public static CpuTime of(long nodePid) {
        Duration node = ProcessHandle.of(nodePid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
        Duration postgres = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
        return new CpuTime(node, postgres);
    }

    /** What was spent from {@code before} to this one. */
    public CpuTime since(CpuTime before) {
        return new CpuTime(node.minus(before.node), postgres.minus(before.postgres));
    }
}
