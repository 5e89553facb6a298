package jp.consentledger.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on: cores, memory, CPU model, kernel, JVM, versions, load. */
public final class Machine {
    private Machine() {
    }

    public static Map<String, Object> describe(Path repository) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("nproc", Runtime.getRuntime().availableProcessors());
        machine.put("memory", firstMatching("/proc/meminfo", "MemTotal:").replace("MemTotal:", "").trim());
        machine.put("cpu", firstMatching("/proc/cpuinfo", "model name").replaceFirst("model name\\s*:\\s*", ""));
        machine.put("kernel", read("/proc/sys/kernel/osrelease"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("loadAverageAtStart", loadAverage());
        machine.put("commit", command(repository, "git", "rev-parse", "--short", "HEAD")
                + (command(repository, "git", "status", "--porcelain").isBlank() ? "" : " (with uncommitted changes)"));
        return machine;
    }

    public static String loadAverage() {
        return read("/proc/loadavg");
    }

    /** The 1-minute load average. */
    public static double load1() {
        String load = loadAverage();
        try {
            return Double.parseDouble(load.split(" ")[0]);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String firstMatching(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    static String command(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
