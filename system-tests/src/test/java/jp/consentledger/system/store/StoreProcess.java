package jp.consentledger.system.store;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default's store ({@code jp.consentledger.store.EmbeddedStore}) in its own JVM on a data
 * folder, as {@code bin/run-embedded} starts it, so that tests can kill it, its PostgreSQL, or both.
 */
public final class StoreProcess {
    private final Path dataDir;
    private final Process supervisor;
    private final Path log;

    private StoreProcess(Path dataDir, Process supervisor, Path log) {
        this.dataDir = dataDir;
        this.supervisor = supervisor;
        this.log = log;
    }

    public static StoreProcess start(Path dataDir, String name) {
        try {
            Path log = Files.createDirectories(Path.of("target", "store")).resolve(name + ".log");
            Files.deleteIfExists(dataDir.resolve("store").resolve("ready")); // an earlier supervisor's (bin/run-embedded does the same)
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), "jp.consentledger.store.EmbeddedStore", dataDir.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new StoreProcess(dataDir, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for PostgreSQL to accept the apps (the supervisor's {@code ready} file names a live postmaster). */
    public StoreProcess awaitReady() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(supervisor.isAlive()).as("store supervisor running (see %s)", log.toAbsolutePath()).isTrue();
            assertThat(postgresPid()).as("a live PostgreSQL named in store/ready")
                    .matches(pid -> pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        });
        return this;
    }

    /** The running postmaster's pid, or -1 while there is none. */
    public long postgresPid() {
        try {
            Path ready = dataDir.resolve("store").resolve("ready");
            return Files.exists(ready) ? Long.parseLong(Files.readString(ready).trim()) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1; // being rewritten
        }
    }

    /** SIGKILL of the supervisor only: its PostgreSQL keeps serving, orphaned. */
    public void killSupervisor() {
        supervisor.destroyForcibly();
        try {
            supervisor.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL of the postmaster only (its supervisor starts another). */
    public void killPostgres() {
        long pid = postgresPid();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** SIGKILL of both at once, as a power cut would leave them. */
    public void killAll() {
        long pid = postgresPid();
        supervisor.destroyForcibly();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        killSupervisor();
    }

    /** SIGTERM: the supervisor stops PostgreSQL with a fast shutdown. */
    public void stop() {
        supervisor.destroy();
        try {
            supervisor.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path connectionFile() {
        return dataDir.resolve("store").resolve("connection.properties");
    }

    /** The connection the apps import: url, username, password. */
    public Properties connection() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(connectionFile())) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    public String jdbcUrl() {
        return connection().getProperty("spring.datasource.url");
    }

    public Connection connect() throws SQLException {
        Properties c = connection();
        return DriverManager.getConnection(c.getProperty("spring.datasource.url"), c.getProperty("spring.datasource.username"),
                c.getProperty("spring.datasource.password"));
    }

    /** The arguments that point a side at this store, as bin/run-embedded passes them. */
    public String[] sideArguments() {
        return new String[]{"--spring.profiles.active=postgres,embedded", "--ledger.data-dir=" + dataDir};
    }
}
