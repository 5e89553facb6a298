package jp.consentledger.bench.load;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-model HTTP/1.1 load generator: requests are due at a constant rate whatever the server
 * does, and each one's latency runs from the moment it was due (not from when a connection was
 * free to send it), so a stalled server shows in the tail instead of slowing the load down
 * (no coordinated omission).
 *
 * <p>Raw keep-alive sockets, one request in flight per connection, pre-built request bytes: one
 * thread sends on time, one reads with a selector. That is cheap enough to offer tens of thousands
 * of requests a second from a fraction of one core, leaving the rest of a 2-core machine to the
 * server under test.
 */
public final class OpenLoad {
    private static final long DRAIN_NANOS = 3_000_000_000L;
    private static final long MAX_QUEUE_SECONDS = 1;
    private static final long MAX_PARK_NANOS = 1_000_000;

    /** What to send: the {@code n}-th request's complete bytes, and what a positive answer contains. */
    public record Target(InetSocketAddress address, List<byte[]> requests, String positiveMarker) {
    }

    /** One constant-rate run's figures (latencies in microseconds, from the intended send time). */
    public record StepResult(double offeredPerSecond, double achievedPerSecond, long requests, long errors,
                             long positives, double p50, double p90, double p99, double p999, double max,
                             @com.fasterxml.jackson.annotation.JsonIgnore Histogram histogram) {
        public boolean meets(double p99TargetMicros) {
            return errors == 0 && p99 <= p99TargetMicros && achievedPerSecond >= 0.95 * offeredPerSecond;
        }

        public double positiveShare() {
            return requests == 0 ? 0 : (double) positives / requests;
        }
    }

    private final Target target;
    private final int connections;

    public OpenLoad(Target target, int connections) {
        this.target = target;
        this.connections = connections;
    }

    public StepResult run(double ratePerSecond, Duration warmup, Duration measure) throws IOException {
        try (Run run = new Run(ratePerSecond, warmup, measure)) {
            return run.execute();
        }
    }

    private final class Connection {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(1 << 16);
        volatile long intended;
        volatile boolean measured;

        Connection(Selector selector) throws IOException {
            channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(target.address());
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, this);
        }
    }

    private final class Run implements AutoCloseable {
        private final double rate;
        private final long warmupNanos;
        private final long measureNanos;
        private final Selector selector;
        private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
        private final List<Connection> all = new CopyOnWriteArrayList<>();
        private final Histogram histogram = new Histogram(3_600_000_000L, 3);
        private final AtomicLong errors = new AtomicLong();
        private final byte[] marker;
        private long positives;
        private long completedInWindow;
        private long measureStart;
        private long measureEnd;
        private volatile boolean receiving = true;
        private volatile Thread waitingSender;

        Run(double rate, Duration warmup, Duration measure) throws IOException {
            this.rate = rate;
            this.warmupNanos = warmup.toNanos();
            this.measureNanos = measure.toNanos();
            this.selector = Selector.open();
            this.marker = target.positiveMarker().getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < connections; i++) {
                Connection connection = new Connection(selector);
                all.add(connection);
                idle.add(connection);
            }
        }

        StepResult execute() throws IOException {
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
            for (Connection connection : all) {
                if (connection.measured) {
                    errors.incrementAndGet(); // never answered
                }
            }
            double seconds = measureNanos / 1e9;
            return new StepResult(rate, completedInWindow / seconds, sentInWindow, errors.get(), positives,
                    micros(50), micros(90), micros(99), micros(99.9), histogram.getMaxValue(), histogram.copy());
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
                        // The server is so far behind that a second's worth waits: count them lost.
                        errors.incrementAndGet();
                        continue;
                    }
                    queue[(head + size) % queue.length] = due;
                    size++;
                }
                while (size > 0) {
                    Connection connection = idle.poll();
                    if (connection == null) {
                        break;
                    }
                    long due = queue[head];
                    head = (head + 1) % queue.length;
                    size--;
                    write(connection, due, requests.get((int) (sent++ % requests.size())));
                }
                if (now > measureEnd + DRAIN_NANOS) {
                    errors.addAndGet(size);
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

        private void write(Connection connection, long due, byte[] request) {
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
                    Connection connection = (Connection) key.attachment();
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
        private void parse(Connection connection) throws IOException {
            ByteBuffer in = connection.in;
            byte[] buf = in.array();
            int limit = in.position();
            int headerEnd = indexOf(buf, 0, limit, HEADER_END);
            if (headerEnd < 0) {
                return;
            }
            int bodyStart = headerEnd + 4;
            int status = (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + (buf[11] - '0');
            // Header names compared case-insensitively in place: no String per response.
            boolean close = indexOfIgnoreCase(buf, 0, headerEnd, CONNECTION_CLOSE) >= 0;
            int end;
            int length = contentLength(buf, headerEnd);
            if (length >= 0) {
                end = bodyStart + length;
                if (limit < end) {
                    return;
                }
            } else if (indexOfIgnoreCase(buf, 0, headerEnd, CHUNKED) >= 0) {
                end = chunkedEnd(buf, bodyStart, limit);
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
                    errors.incrementAndGet();
                } else if (indexOf(buf, bodyStart, end, marker) >= 0) {
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

        private void fail(Connection connection) {
            if (connection.measured) {
                errors.incrementAndGet();
            }
            connection.measured = false;
            reconnect(connection);
        }

        private void reconnect(Connection connection) {
            try {
                connection.channel.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
            all.remove(connection);
            try {
                Connection fresh = new Connection(selector);
                all.add(fresh);
                idle.add(fresh);
            } catch (IOException e) {
                errors.incrementAndGet();
            }
        }

        @Override
        public void close() throws IOException {
            for (Connection connection : all) {
                connection.channel.close();
            }
            selector.close();
        }
    }

    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] CRLF = {'\r', '\n'};

    private static final byte[] CONNECTION_CLOSE = "\r\nconnection: close".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "\r\ntransfer-encoding: chunked".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);

    private static int contentLength(byte[] buf, int headerEnd) {
        int at = indexOfIgnoreCase(buf, 0, headerEnd, CONTENT_LENGTH);
        if (at < 0) {
            return -1;
        }
        int length = 0;
        for (int i = at + CONTENT_LENGTH.length; i < headerEnd && buf[i] != '\r'; i++) {
            if (buf[i] >= '0' && buf[i] <= '9') {
                length = length * 10 + (buf[i] - '0');
            }
        }
        return length;
    }

    /** Like indexOf, with ASCII letters of the buffer folded to lower case (the needle is lower case). */
    private static int indexOfIgnoreCase(byte[] buf, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                byte b = buf[i + j];
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The end of a chunked body, or -1 if it has not all arrived. */
    private static int chunkedEnd(byte[] buf, int from, int limit) {
        int at = from;
        while (true) {
            int lineEnd = indexOf(buf, at, limit, CRLF);
            if (lineEnd < 0) {
                return -1;
            }
            int size = 0;
            for (int i = at; i < lineEnd && buf[i] != ';'; i++) {
                int digit = Character.digit(buf[i], 16);
                if (digit >= 0) {
                    size = size * 16 + digit;
                }
            }
            at = lineEnd + 2;
            if (size == 0) {
                int trailerEnd = indexOf(buf, at, limit, CRLF);
                return trailerEnd < 0 ? -1 : trailerEnd + 2;
            }
            at += size + 2;
            if (at > limit) {
                return -1;
            }
        }
    }

    private static int indexOf(byte[] buf, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
