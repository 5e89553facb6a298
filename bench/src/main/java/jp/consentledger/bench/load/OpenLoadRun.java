package jp.consentledger.bench.load;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * One constant-rate run of {@link OpenLoad}: a sender thread that writes each request when it is due
 * on an idle connection, and a receiver thread that reads the answers with a selector and times them
 * from when they were due.
 */
final class OpenLoadRun implements AutoCloseable {
    private static final long DRAIN_NANOS = 3_000_000_000L;
    private static final long MAX_QUEUE_SECONDS = 1;
    private static final long MAX_PARK_NANOS = 1_000_000;

    private final OpenLoad.Target target;
    private final double rate;
    private final long warmupNanos;
    private final long measureNanos;
    private final Selector selector;
    private final ConcurrentLinkedQueue<LoadConnection> idle = new ConcurrentLinkedQueue<>();
    private final List<LoadConnection> all = new CopyOnWriteArrayList<>();
    private final Histogram histogram = new Histogram(3_600_000_000L, 3);
    private final ErrorTally errors = new ErrorTally();
    private final byte[] marker;
    private long positives;
    private long completedInWindow;
    private long measureStart;
    private long measureEnd;
    private volatile boolean receiving = true;
    private volatile Thread waitingSender;

    OpenLoadRun(OpenLoad.Target target, int connections, double rate, Duration warmup, Duration measure) throws IOException {
        this.target = target;
        this.rate = rate;
        this.warmupNanos = warmup.toNanos();
        this.measureNanos = measure.toNanos();
        this.selector = Selector.open();
        this.marker = target.positiveMarker().getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < connections; i++) {
            LoadConnection connection = new LoadConnection(target.address(), selector);
            all.add(connection);
            idle.add(connection);
        }
    }

    OpenLoad.StepResult execute() throws IOException {
        long start = System.nanoTime() + 2_000_000;
        measureStart = start + warmupNanos;
        measureEnd = measureStart + measureNanos;
        Thread receiver = new Thread(this::receive, "open-load-receiver");
        receiver.setDaemon(true);
        receiver.start();
        long sentInWindow = send(start);
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (System.nanoTime() < deadline && idle.size() < all.size()) {
            LockSupport.parkNanos(1_000_000);
        }
        receiving = false;
        selector.wakeup();
        try {
            receiver.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (LoadConnection connection : all) {
            if (connection.measured) {
                errors.unanswered();
            }
        }
        double seconds = measureNanos / 1e9;
        return new OpenLoad.StepResult(rate, completedInWindow / seconds, sentInWindow, errors.total(), positives,
                micros(50), micros(90), micros(99), micros(99.9), histogram.getMaxValue(), histogram.copy(), errors.describe());
    }

    private double micros(double percentile) {
        return histogram.getValueAtPercentile(percentile);
    }

    /** Sends each request when it is due; returns how many were due in the measured window. */
    private long send(long start) {
        double periodNanos = 1e9 / rate;
        long total = (long) Math.ceil((warmupNanos + measureNanos) / periodNanos);
        long maxQueue = Math.max(16, (long) (rate * MAX_QUEUE_SECONDS));
        long[] queue = new long[(int) Math.min(Integer.MAX_VALUE - 8, maxQueue)];
        int head = 0;
        int size = 0;
        long n = 0;
        long inWindow = 0;
        long sent = 0;
        List<byte[]> requests = target.requests();
        while (n < total || size > 0) {
            long now = System.nanoTime();
            while (n < total) {
                long due = start + (long) (n * periodNanos);
                if (due > now) {
                    break;
                }
                n++;
                if (due >= measureStart && due < measureEnd) {
                    inWindow++;
                }
                if (size == queue.length) {
                    // The server is so far behind that a second's worth waits: count them lost, when measured.
                    if (due >= measureStart && due < measureEnd) {
                        errors.neverSent(1);
                    }
                    continue;
                }
                queue[(head + size) % queue.length] = due;
                size++;
            }
            while (size > 0) {
                LoadConnection connection = idle.poll();
                if (connection == null) {
                    break;
                }
                long due = queue[head];
                head = (head + 1) % queue.length;
                size--;
                write(connection, due, requests.get((int) (sent++ % requests.size())));
            }
            if (now > measureEnd + DRAIN_NANOS) {
                errors.neverSent(size);
                break;
            }
            long next = n < total ? start + (long) (n * periodNanos) : now + MAX_PARK_NANOS;
            long wait = Math.min(next - System.nanoTime(), MAX_PARK_NANOS);
            if (size > 0) {
                // Requests are due but every connection is busy: sleep until the receiver frees one
                // (it unparks us) or the next request falls due, instead of polling.
                waitingSender = Thread.currentThread();
                if (idle.isEmpty() && wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                waitingSender = null;
            } else if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        return inWindow;
    }

    private void write(LoadConnection connection, long due, byte[] request) {
        connection.intended = due;
        connection.measured = due >= measureStart && due < measureEnd;
        ByteBuffer out = ByteBuffer.wrap(request);
        try {
            while (out.hasRemaining()) {
                if (connection.channel.write(out) == 0) {
                    Thread.onSpinWait();
                }
            }
        } catch (IOException e) {
            fail(connection);
        }
    }

    private void receive() {
        while (receiving) {
            try {
                selector.select(10);
            } catch (IOException e) {
                return;
            }
            for (SelectionKey key : selector.selectedKeys()) {
                LoadConnection connection = (LoadConnection) key.attachment();
                try {
                    int read = connection.channel.read(connection.in);
                    if (read < 0) {
                        fail(connection);
                    } else {
                        parse(connection);
                    }
                } catch (IOException e) {
                    fail(connection);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    /** Consumes one complete response, if the buffer holds one. */
    private void parse(LoadConnection connection) throws IOException {
        ByteBuffer in = connection.in;
        byte[] buf = in.array();
        int limit = in.position();
        int headerEnd = ResponseBytes.indexOf(buf, 0, limit, ResponseBytes.HEADER_END);
        if (headerEnd < 0) {
            return;
        }
        int bodyStart = headerEnd + 4;
        int status = (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + (buf[11] - '0');
        // Header names compared case-insensitively in place: no String per response.
        boolean close = ResponseBytes.indexOfIgnoreCase(buf, 0, headerEnd, ResponseBytes.CONNECTION_CLOSE) >= 0;
        int end;
        int length = ResponseBytes.contentLength(buf, headerEnd);
        if (length >= 0) {
            end = bodyStart + length;
            if (limit < end) {
                return;
            }
        } else if (ResponseBytes.indexOfIgnoreCase(buf, 0, headerEnd, ResponseBytes.CHUNKED) >= 0) {
            end = ResponseBytes.chunkedEnd(buf, bodyStart, limit);
            if (end < 0) {
                return;
            }
        } else {
            end = bodyStart;
        }
        long latencyMicros = (System.nanoTime() - connection.intended) / 1_000;
        boolean measured = connection.measured;
        long now = System.nanoTime();
        if (measured) {
            histogram.recordValue(Math.max(1, latencyMicros));
            if (status / 100 != 2) {
                errors.status(status);
            } else if (ResponseBytes.indexOf(buf, bodyStart, end, marker) >= 0) {
                positives++;
            }
        }
        if (now >= measureStart && now < measureEnd) {
            completedInWindow++;
        }
        // Keep any bytes past this response (there should be none: one request in flight).
        in.limit(limit).position(end);
        in.compact();
        connection.measured = false;
        if (close) {
            reconnect(connection);
        } else {
            idle.add(connection);
        }
        Thread sender = waitingSender;
        if (sender != null) {
            LockSupport.unpark(sender);
        }
    }

    private void fail(LoadConnection connection) {
        if (connection.measured) {
            errors.unanswered();
        }
        connection.measured = false;
        reconnect(connection);
    }

    private void reconnect(LoadConnection connection) {
        try {
            connection.channel.close();
        } catch (IOException ignored) {
            // closing a broken connection
        }
        all.remove(connection);
        try {
            LoadConnection fresh = new LoadConnection(target.address(), selector);
            all.add(fresh);
            idle.add(fresh);
        } catch (IOException e) {
            errors.unanswered();
        }
    }

    @Override
    public void close() throws IOException {
        for (LoadConnection connection : all) {
            connection.channel.close();
        }
        selector.close();
    }
}
