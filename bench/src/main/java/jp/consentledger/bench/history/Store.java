package jp.consentledger.bench.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** How the suite reaches a store it generated or measures: JDBC URL and credentials. */
public record Store(String vendor, String url, String user, String password) {
    public static Store h2(Path dataDir) {
        return new Store("h2", StoreSchema.h2Url(dataDir), "sa", "");
    }

    public static Store postgres(String url, String user, String password) {
        return new Store("postgresql", url, user, password);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    public boolean isPostgres() {
        return vendor.equals("postgresql");
    }

    @Override
    public String toString() {
        return "Store[" + url + ", user=" + user + "]"; // never the password
    }
}
