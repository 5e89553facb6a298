package jp.consentledger.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded default's store, run by {@code bin/run-embedded} before both sides:
 * {@code java -jar embedded-store-…-exec.jar <data folder>}. It keeps one PostgreSQL running on the
 * data folder, restarts it whenever it dies (the apps answer 503 meanwhile and reconnect on their own),
 * and stops it with a fast shutdown on SIGTERM; PostgreSQL shut down by anyone else (Ctrl-C reaches it
 * in the terminal's process group) ends the supervisor too. Killed itself, it leaves PostgreSQL serving;
 * the next start takes it over. {@code <data folder>/store/ready} exists while PostgreSQL accepts the
 * apps and holds its pid.
 */
public final class EmbeddedStore {
    private static final Duration RECOVERY_PATIENCE = Duration.ofMinutes(10);

    /** Held for the process's life: one supervisor per data folder. */
    private static FileLock supervisorLock;

    private final Path store;
    private final Cluster cluster;
    private volatile boolean stopping;
    private volatile Process postgres;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private EmbeddedStore(Path store, Cluster cluster) {
        this.store = store;
        this.cluster = cluster;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar embedded-store-exec.jar <data folder>");
            System.exit(2);
        }
        Path dataDir = OwnerOnly.directory(Path.of(args[0]).toAbsolutePath());
        Path store = OwnerOnly.directory(dataDir.resolve("store"));
        FileChannel lockFile = FileChannel.open(OwnerOnly.file(store.resolve("store.lock")), StandardOpenOption.WRITE);
        supervisorLock = lockFile.tryLock();
        if (supervisorLock == null) { // released by the kernel however this process ends
            System.err.println("[store] another store process already supervises " + store);
            System.exit(1);
        }
        Files.deleteIfExists(store.resolve("ready"));
        StoreConnection connection = StoreConnection.loadOrCreate(store);
        Path binaries = PostgresBinaries.unpack(store.resolve("postgresql"));
        Cluster cluster = new Cluster(binaries, store.resolve("pgdata"), connection);
        cluster.createIfAbsent();
        cluster.stopLeftover();
        EmbeddedStore supervisor = new EmbeddedStore(store, cluster);
        Runtime.getRuntime().addShutdownHook(new Thread(supervisor::shutDown, "store-shutdown"));
        say("PostgreSQL on " + connection.jdbcUrl(StoreConnection.DATABASE) + ", connection in " + store.resolve(StoreConnection.FILE_NAME));
        supervisor.supervise();
    }

    private void supervise() throws IOException, InterruptedException {
        try {
            while (!stopping) {
                Process started = cluster.start();
                postgres = started;
                if (cluster.awaitReady(started, RECOVERY_PATIENCE)) {
                    OwnerOnly.write(store.resolve("ready"), Long.toString(started.pid()));
                    say("ready (PostgreSQL pid " + started.pid() + ")");
                }
                int exit = started.waitFor();
                Files.deleteIfExists(store.resolve("ready"));
                if (exit == 0 && !stopping) {
                    // Shut down on request (Ctrl-C reaches PostgreSQL too, pg_ctl stop): so does the store.
                    say("PostgreSQL was shut down; stopping");
                    return;
                }
                if (!stopping) {
                    // Killed, or refused to start while its killed predecessor's sessions still hold its memory.
                    say("PostgreSQL exited (" + exit + "); starting it again");
                    Thread.sleep(1000);
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    private void shutDown() {
        stopping = true;
        Process running = postgres;
        try {
            if (running != null && running.isAlive()) {
                say("stopping PostgreSQL");
                Cluster.stop(running.toHandle());
            }
            stopped.await();
        } catch (IOException e) {
            System.err.println("[store] could not stop PostgreSQL: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void say(String message) {
        System.out.println("[store] " + message);
    }
}
