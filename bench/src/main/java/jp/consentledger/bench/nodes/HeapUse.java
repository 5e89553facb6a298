package jp.consentledger.bench.nodes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A node's live heap: a full GC through jcmd, then the heap's used size as the GC reports it. */
public final class HeapUse {
    /** G1 says "used 1234K", ZGC "used 1234M". */
    private static final Pattern USED = Pattern.compile("used (\\d+)([KMG])");

    private HeapUse() {
    }

    /** Bytes in use after a full collection, or -1 when jcmd cannot tell. */
    public static long afterFullGc(long pid) throws IOException, InterruptedException {
        run(pid, "GC.run");
        Matcher used = USED.matcher(run(pid, "GC.heap_info"));
        if (!used.find()) {
            return -1;
        }
        int shift = switch (used.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            default -> 30;
        };
        return Long.parseLong(used.group(1)) << shift;
    }

    private static String run(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command)).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
