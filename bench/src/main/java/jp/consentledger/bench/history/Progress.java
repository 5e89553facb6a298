package jp.consentledger.bench.history;

import java.io.PrintStream;

/** A progress bar on stderr, redrawn at most five times a second. */
public final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean enabled;
    private final boolean redraw = System.console() != null;
    private int lastDecile = -1;
    private String label = "";
    private long total;
    private long done;
    private long startNanos;
    private long lastDraw;

    public Progress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    public static Progress silent() {
        return new Progress(System.err, false);
    }

    public void start(String label, long total) {
        this.label = label;
        this.total = Math.max(1, total);
        this.done = 0;
        this.startNanos = System.nanoTime();
        this.lastDraw = 0;
        this.lastDecile = -1;
        draw(true);
    }

    public void advance(long n) {
        done += n;
        draw(false);
    }

    public void done() {
        done = total;
        draw(true);
        if (enabled && redraw) {
            out.println();
        }
    }

    private void draw(boolean force) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double fraction = Math.min(1.0, (double) done / total);
        int decile = (int) (fraction * 10);
        if (!redraw && decile == lastDecile) {
            return; // not a terminal: one line per tenth rather than redraws
        }
        lastDecile = decile;
        int filled = (int) (fraction * WIDTH);
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = done / seconds;
        long eta = rate > 0 ? (long) ((total - done) / rate) : 0;
        out.printf((redraw ? "\r" : "\n") + "  %-8s [%s%s] %3d%% %,d/%,d  %,.0f/s  ETA %ds   ", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), (int) (fraction * 100), done, total, rate, eta);
        out.flush();
    }
}
