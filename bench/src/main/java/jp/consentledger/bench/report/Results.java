package jp.consentledger.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's figures: one summary row per measure (ours, the peer or ceiling measured in the same
 * run, their ratio, the target and whether it was met), detail sections, and every raw figure as
 * JSON. Written as results.md and results.json.
 */
public final class Results {
    public enum Verdict { MET, MISSED, NOT_RUN, INFO }

    public record Row(String id, String measure, String ours, String peer, String ratio, String target,
                      Verdict verdict, String note) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();
    private final Map<String, Object> raw = new LinkedHashMap<>();
    private final Map<String, Object> machine;
    private final Map<String, Object> settings;

    public Results(Map<String, Object> machine, Map<String, Object> settings) {
        this.machine = machine;
        this.settings = settings;
    }

    public synchronized void row(String id, String measure, String ours, String peer, String ratio, String target,
                                 Verdict verdict, String note) {
        rows.add(new Row(id, measure, ours, peer, ratio, target, verdict, note));
    }

    public synchronized void notRun(String id, String measure, String target, String why) {
        rows.add(new Row(id, measure, "—", "—", "—", target, Verdict.NOT_RUN, why));
    }

    public synchronized void section(String markdown) {
        sections.add(markdown);
    }

    public synchronized void raw(String key, Object value) {
        raw.put(key, value);
    }

    public Map<String, Object> settings() {
        return settings;
    }

    public synchronized String summaryTable() {
        StringBuilder md = new StringBuilder();
        md.append("| # | Measure | Ledger | Peer / ceiling (same run) | Ratio | Target | Met |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.id()).append(" | ").append(row.measure()).append(" | ").append(row.ours())
                    .append(" | ").append(row.peer()).append(" | ").append(row.ratio()).append(" | ")
                    .append(row.target()).append(" | ").append(switch (row.verdict()) {
                        case MET -> "yes";
                        case MISSED -> "**no**";
                        case NOT_RUN -> "not run";
                        case INFO -> "—";
                    }).append(" |\n");
        }
        List<Row> noted = rows.stream().filter(r -> r.note() != null && !r.note().isBlank()).toList();
        if (!noted.isEmpty()) {
            md.append('\n');
            for (Row row : noted) {
                md.append("- ").append(row.id()).append(": ").append(row.note()).append('\n');
            }
        }
        return md.toString();
    }

    public synchronized String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark run ").append(settings.get("startedAt")).append(" (").append(settings.get("mode"))
                .append(")\n\n");
        md.append(summaryTable()).append('\n');
        md.append("## Machine\n\n");
        machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n## Settings\n\n");
        settings.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        for (String section : sections) {
            md.append('\n').append(section).append('\n');
        }
        return md.toString();
    }

    public synchronized void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), markdown());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("settings", settings);
        json.put("summary", rows);
        json.put("raw", raw);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .writeValue(dir.resolve("results.json").toFile(), json);
    }
}
