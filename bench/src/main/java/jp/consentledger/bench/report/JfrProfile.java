package jp.consentledger.bench.report;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a server's time goes while it is under load: a JFR recording started in it with jcmd,
 * summarised as the share of CPU samples per area of code (inclusive), per thread kind, and the
 * hottest methods (self time), plus garbage-collection pauses.
 */
public final class JfrProfile {
    private static final Map<String, String> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("jp.consentledger.", "ledger code");
        AREAS.put("javax.crypto.", "HMAC / crypto");
        AREAS.put("com.sun.crypto.", "HMAC / crypto");
        AREAS.put("sun.security.", "HMAC / crypto");
        AREAS.put("com.fasterxml.jackson.", "JSON (Jackson)");
        AREAS.put("org.springframework.security.", "Spring Security");
        AREAS.put("org.springframework.web.", "Spring MVC");
        AREAS.put("org.apache.catalina.", "Tomcat");
        AREAS.put("org.apache.coyote.", "Tomcat");
        AREAS.put("org.apache.tomcat.", "Tomcat");
        AREAS.put("io.micrometer.", "metrics (Micrometer)");
        AREAS.put("org.axonframework.", "Axon");
        AREAS.put("org.h2.", "H2");
        AREAS.put("org.postgresql.", "PostgreSQL driver");
        AREAS.put("com.zaxxer.hikari.", "connection pool");
        AREAS.put("ch.qos.logback.", "logging");
        AREAS.put("org.slf4j.", "logging");
        AREAS.put("sun.nio.", "socket I/O");
        AREAS.put("java.net.", "socket I/O");
        AREAS.put("org.keycloak.", "Keycloak code");
        AREAS.put("io.vertx.", "Vert.x / Netty");
        AREAS.put("io.netty.", "Vert.x / Netty");
        AREAS.put("org.infinispan.", "Infinispan");
        AREAS.put("org.jboss.resteasy.", "RESTEasy");
    }

    private JfrProfile() {
    }

    public static void start(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=bench", "settings=profile", "filename=" + file.toAbsolutePath());
    }

    public static void stop(long pid) throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=bench");
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> command = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("jcmd " + String.join(" ", args) + " failed: " + out);
        }
    }

    public record Summary(long samples, Map<String, Double> areas, Map<String, Double> ownAreas, Map<String, Double> threads,
                          Map<String, Double> hotMethods, long gcPauses, Duration gcPauseTotal) {
        public String markdown(String title) {
            StringBuilder md = new StringBuilder("### Profile: ").append(title).append(" (JFR, ").append(samples)
                    .append(" CPU samples)\n\n");
            md.append("Share of samples by the area whose code was running (JDK frames count for their nearest caller):\n\n");
            ownAreas.forEach((k, v) -> md.append("- ").append(k).append(": ").append(String.format("%.0f%%", v)).append('\n'));
            md.append("\nShare of samples by area on the stack (inclusive: a sample counts for every area it passed through):\n\n");
            areas.forEach((k, v) -> md.append("- ").append(k).append(": ").append(String.format("%.0f%%", v)).append('\n'));
            md.append("\nBy thread:\n\n");
            threads.forEach((k, v) -> md.append("- ").append(k).append(": ").append(String.format("%.0f%%", v)).append('\n'));
            md.append("\nHottest methods (self):\n\n");
            hotMethods.forEach((k, v) -> md.append("- `").append(k).append("`: ").append(String.format("%.1f%%", v)).append('\n'));
            md.append("\nGC: ").append(gcPauses).append(" pauses, ").append(gcPauseTotal.toMillis()).append(" ms in total.\n");
            return md.toString();
        }
    }

    public static Summary summarise(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("no recording at " + file);
        }
        Map<String, Integer> areas = new HashMap<>();
        Map<String, Integer> own = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        long samples = 0;
        long gcPauses = 0;
        Duration gcTotal = Duration.ZERO;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.GCPhasePause")) {
                gcPauses++;
                gcTotal = gcTotal.plus(event.getDuration());
            }
            if (!type.equals("jdk.ExecutionSample")) {
                continue;
            }
            samples++;
            RecordedStackTrace stack = event.getStackTrace();
            String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
            threads.merge(threadKind(thread), 1, Integer::sum);
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            RecordedFrame top = stack.getFrames().get(0);
            self.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : stack.getFrames()) {
                String area = area(frame.getMethod().getType().getName());
                if (area != null && seen.isEmpty()) {
                    own.merge(area, 1, Integer::sum);
                }
                if (area != null && seen.add(area)) {
                    areas.merge(area, 1, Integer::sum);
                }
            }
            if (seen.isEmpty()) {
                own.merge("JDK / JVM only", 1, Integer::sum);
            }
        }
        return new Summary(samples, percentages(areas, samples, 12), percentages(own, samples, 12), percentages(threads, samples, 8),
                percentages(self, samples, 12), gcPauses, gcTotal);
    }

    private static String area(String className) {
        for (Map.Entry<String, String> entry : AREAS.entrySet()) {
            if (className.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String threadKind(String name) {
        String kind = name.replaceAll("[-#]?\\d+$", "").replaceAll("\\[.*", "");
        return kind.isBlank() ? name : kind;
    }

    private static Map<String, Double> percentages(Map<String, Integer> counts, long total, int limit) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> 100.0 * e.getValue() / Math.max(1, total),
                        (a, b) -> a, LinkedHashMap::new));
    }
}
