package jp.consentledger.bench.inprocess;

import jp.consentledger.bench.report.Results;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Measure 1: the token check in process, with JMH and its GC profiler (bytes allocated per check). */
public final class InProcessBench {
    private InProcessBench() {
    }

    public record Settings(int linkages, int warmupIterations, int measurementIterations, TimeValue iterationTime) {
    }

    public static void run(Settings settings, Results results, Path out) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(TokenCheckBenchmark.class.getName() + ".*")
                .param("linkages", Integer.toString(settings.linkages()))
                .forks(1)
                .jvmArgs("-Xms2g", "-Xmx4g")
                .warmupIterations(settings.warmupIterations())
                .warmupTime(settings.iterationTime())
                .measurementIterations(settings.measurementIterations())
                .measurementTime(settings.iterationTime())
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve("jmh.json").toString())
                .output(out.resolve("logs").resolve("jmh.log").toString())
                .build();
        Collection<RunResult> runs = new Runner(options).run();
        Map<String, double[]> figures = new LinkedHashMap<>();
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark().replaceAll(".*\\.", "");
            Result<?> primary = run.getPrimaryResult();
            double allocated = run.getSecondaryResults().entrySet().stream()
                    .filter(e -> e.getKey().endsWith("gc.alloc.rate.norm"))
                    .mapToDouble(e -> e.getValue().getScore()).findFirst().orElse(Double.NaN);
            figures.put(name, new double[]{primary.getScore(), primary.getScoreError(), allocated});
        }
        results.raw("inProcess", figures);
        double[] full = figures.get("hashAndCheck");
        double[] check = figures.get("checkOnly");
        double[] hmac = figures.get("hmacOnly");
        double[] map = figures.get("bareMapLookup");
        String model = String.format("%,d linkages", settings.linkages());
        results.row("1a", "Token check in process: HMAC + ConsentFacts.check (" + model + ")", ns(full),
                "HMAC alone " + ns(hmac), ratio(full[0], hmac[0]) + " of HMAC", "≤ 200 ns/op, ~0 B/op",
                full[0] <= 200 && full[2] <= 64 ? Results.Verdict.MET : Results.Verdict.MISSED, null);
        results.row("1b", "ConsentFacts.check alone (" + model + ")", ns(check), "bare map lookup " + ns(map),
                ratio(check[0], map[0]) + " of lookup", "≤ 200 ns/op, ~0 B/op",
                check[0] <= 200 && check[2] <= 64 ? Results.Verdict.MET : Results.Verdict.MISSED, null);
    }

    private static String ns(double[] figure) {
        String error = Double.isFinite(figure[1]) ? String.format(" ± %.0f", figure[1]) : "";
        return String.format("%.0f%s ns/op, %.0f B/op", figure[0], error, figure[2]);
    }

    private static String ratio(double ours, double ceiling) {
        return String.format("%.1f×", ours / ceiling);
    }
}
