package jp.consentledger.bench.history;

import org.flywaydb.core.Flyway;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates a store's tables with the command side's own Flyway scripts and history table, so that
 * the command side, started on it afterwards, finds its migrations applied and validates them.
 */
public final class StoreSchema {
    private StoreSchema() {
    }

    /** H2 in mixed mode, the embedded default before issue 17: durable, joined by other processes. */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("ledger") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;CACHE_SIZE=131072";
    }

    public static void migrateCommandSide(Path repositoryRoot, String vendor, String url, String user, String password) {
        Path scripts = repositoryRoot.resolve("command-side/src/main/resources/db/migration/command").resolve(vendor);
        if (!Files.isDirectory(scripts)) {
            throw new IllegalStateException("no command-side migrations at " + scripts);
        }
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("filesystem:" + scripts.toAbsolutePath())
                .table("flyway_history_command")
                .load()
                .migrate();
    }
}
