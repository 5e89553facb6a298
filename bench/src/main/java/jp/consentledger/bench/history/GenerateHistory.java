package jp.consentledger.bench.history;

import jp.consentledger.bench.tokencheck.TokenCheckLoad;
import jp.consentledger.kernel.token.TokenHasher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;

/**
 * Fills an embedded-default store with a generated history: {@code GenerateHistory <data-dir>
 * <linkages> [<bodies-file>]}; the ledger started with {@code --ledger.data-dir=<data-dir>} (and the
 * same LEDGER_TOKEN_HMAC_SECRET) reads it. With a bodies file, the token-check request bodies the
 * suite would send (one JSON document a line) are written there, for {@code TokenCheckProbe} or wrk;
 * otherwise the tokens are forgotten.
 */
public final class GenerateHistory {
    private GenerateHistory() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: GenerateHistory <data-dir> <linkages> [<bodies-file>]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        String secret = System.getenv().getOrDefault("LEDGER_TOKEN_HMAC_SECRET", "embedded-demo-secret-change-me-0123456789abcdef");
        GeneratedHistory history = generateH2(Path.of("").toAbsolutePath(), dir, Integer.parseInt(args[1]),
                new TokenHasher(secret.getBytes(StandardCharsets.UTF_8)), new Progress(System.err, true));
        System.out.println(history.counts());
        if (args.length == 3) {
            Files.write(Path.of(args[2]), TokenCheckLoad.bodies(history));
        }
    }

    /** A fresh H2 store in {@code dataDir} (the embedded default before issue 17), migrated and filled. */
    public static GeneratedHistory generateH2(Path repositoryRoot, Path dataDir, int linkages, TokenHasher hasher,
                                              Progress progress) throws Exception {
        return generateH2(repositoryRoot, dataDir, new HistoryGenerator.Shape(linkages, linkages), hasher, Instant.now(),
                progress);
    }

    public static GeneratedHistory generateH2(Path repositoryRoot, Path dataDir, HistoryGenerator.Shape shape,
                                              TokenHasher hasher, Instant now, Progress progress) throws Exception {
        return generate(repositoryRoot, Store.h2(dataDir), shape, hasher, now, progress);
    }

    /**
     * {@code store}, empty, migrated with the command side's own scripts and filled; then made what a store
     * the ledger had lived with would be (H2: compacted; PostgreSQL: vacuumed and analysed, as autovacuum
     * would have done), and counted.
     */
    public static GeneratedHistory generate(Path repositoryRoot, Store store, HistoryGenerator.Shape shape,
                                            TokenHasher hasher, Instant now, Progress progress) throws Exception {
        StoreSchema.migrateCommandSide(repositoryRoot, store.vendor(), store.url(), store.user(), store.password());
        GeneratedHistory history;
        // pgjdbc sends a batch of inserts as one multi-row statement only when asked to.
        String url = store.isPostgres() ? store.url() + (store.url().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true"
                : store.url();
        try (Connection connection = DriverManager.getConnection(url, store.user(), store.password())) {
            try (JdbcEventSink sink = new JdbcEventSink(connection)) {
                history = new HistoryGenerator(shape, hasher, now).generate(sink, progress);
            }
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                // H2 appends every commit's pages to the file: without compacting, 200,000 events leave a 1.8 GB
                // file whose rows are scattered (98 MB once compacted, in about 3 s), and a replay reads it slowly.
                // Compacted in the session that wrote it: with H2 2.3, reopening a store whose indexes were just
                // rebuilt and compacting it at once lost every row (seen with 10,387 events); the count below
                // would say so.
                statement.execute(store.isPostgres() ? "VACUUM ANALYZE" : "SHUTDOWN COMPACT");
            }
        }
        try (Connection connection = store.connect();
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM domain_event_entry")) {
            count.next();
            if (count.getLong(1) != history.counts().events()) {
                throw new IllegalStateException("the finished store holds " + count.getLong(1) + " events of the "
                        + history.counts().events() + " generated");
            }
        }
        return history;
    }
}
