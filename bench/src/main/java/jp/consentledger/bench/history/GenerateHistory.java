package jp.consentledger.bench.history;

import jp.consentledger.kernel.common.TokenHasher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;

/**
 * Fills an embedded-default store with a generated history, then forgets its tokens:
 * {@code GenerateHistory <data-dir> <linkages>}; the ledger started with
 * {@code --ledger.data-dir=<data-dir>} (and the same LEDGER_TOKEN_HMAC_SECRET) reads it.
 */
public final class GenerateHistory {
    private GenerateHistory() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: GenerateHistory <data-dir> <linkages>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        String secret = System.getenv().getOrDefault("LEDGER_TOKEN_HMAC_SECRET", "embedded-demo-secret-change-me-0123456789abcdef");
        GeneratedHistory history = generateH2(Path.of("").toAbsolutePath(), dir, Integer.parseInt(args[1]),
                new TokenHasher(secret.getBytes(StandardCharsets.UTF_8)), new Progress(System.err, true));
        System.out.println(history.counts());
    }

    /** A fresh embedded-default store in {@code dataDir}, migrated and filled. */
    public static GeneratedHistory generateH2(Path repositoryRoot, Path dataDir, int linkages, TokenHasher hasher,
                                              Progress progress) throws Exception {
        String url = StoreSchema.h2Url(dataDir);
        StoreSchema.migrateCommandSide(repositoryRoot, "h2", url, "sa", "");
        GeneratedHistory history;
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             JdbcEventSink sink = new JdbcEventSink(connection)) {
            history = new HistoryGenerator(new HistoryGenerator.Shape(linkages, linkages), hasher, Instant.now())
                    .generate(sink, progress);
        }
        // H2 appends every commit's pages to the file: without compacting, 200,000 events leave a 1.8 GB
        // file whose rows are scattered (98 MB once compacted, in about 3 s), and a replay reads it slowly.
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        }
        return history;
    }
}
