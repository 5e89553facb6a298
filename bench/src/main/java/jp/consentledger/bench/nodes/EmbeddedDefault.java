package jp.consentledger.bench.nodes;

import jp.consentledger.bench.history.Store;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The ledger's embedded default as bin/run-embedded runs it: the embedded-store module's process (a
 * PostgreSQL of its own under {@code <data folder>/store}, fsync and synchronous commit on), and the
 * sides started on it with the "postgres,embedded" profiles, which read its connection from that folder.
 */
public final class EmbeddedDefault implements AutoCloseable {
    private final Path dataDir;
    private final JavaProcess process;
    private final Store store;
    /** Drawn once per store, so that every node on it signs and encrypts with the same keys. */
    private final List<String> secrets = LedgerNodes.realSecrets();

    private EmbeddedDefault(Path dataDir, JavaProcess process, Store store) {
        this.dataDir = dataDir;
        this.process = process;
        this.store = store;
    }

    /** Starts the store on {@code dataDir} (created if new) and waits until it accepts connections. */
    public static EmbeddedDefault start(Path repository, Path dataDir, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Path jar = repository.resolve("embedded-store/target/embedded-store-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": build first (bin/bench does)");
        }
        Files.createDirectories(dataDir);
        Path ready = dataDir.resolve("store/ready");
        Files.deleteIfExists(ready);
        JavaProcess process = JavaProcess.start("embedded store", List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                        dataDir.toAbsolutePath().toString()), Map.of(), repository, log);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(ready)) {
            if (System.nanoTime() > deadline) {
                process.close();
                throw new IllegalStateException("the embedded store did not become ready within " + timeout + "; see " + log);
            }
            Thread.sleep(200); // the store's own signal is a file (bin/run-embedded waits on it too)
        }
        Properties connection = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve("store/connection.properties"))) {
            connection.load(in);
        }
        return new EmbeddedDefault(dataDir, process, Store.postgres(connection.getProperty("spring.datasource.url"),
                connection.getProperty("spring.datasource.username"), connection.getProperty("spring.datasource.password")));
    }

    public Store store() {
        return store;
    }

    /** The data folder: the store keeps its files under {@code store/}; the sides take it as {@code ledger.data-dir}. */
    public Path dataDir() {
        return dataDir;
    }

    /** The arguments that put a side on this store, as bin/run-embedded does (plus keys drawn for the run). */
    public List<String> nodeArgs(List<String> more) {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=postgres,embedded"));
        args.addAll(secrets);
        args.addAll(more);
        return args;
    }

    /** The bytes of every file under the store's folder: what the data folder takes on disk (measure 7). */
    public long folderBytes() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(dataDir.resolve("store"))) {
                long total = 0;
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    total += Files.size(file);
                }
                return total;
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException removedMeanwhile) {
                // PostgreSQL recycles write-ahead log segments and drops temporary files as it runs
                if (attempt == 3) {
                    throw new IOException("the store's folder kept changing while it was measured", removedMeanwhile);
                }
            }
        }
    }

    @Override
    public void close() {
        process.close(); // SIGTERM: the store stops PostgreSQL with a fast shutdown
    }
}
