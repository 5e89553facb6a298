package jp.consentledger.store;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the apps reach the store, kept in {@code <data folder>/store/connection.properties} (0600): Spring's
 * own datasource keys, so both sides import the file as it is ({@code --spring.config.import=file:...}).
 * Port and password are chosen once, when the store is first created, and kept: the apps reconnect to
 * a restarted store where they left it.
 */
record StoreConnection(int port, String user, String password) {
    static final String FILE_NAME = "connection.properties";
    static final String DATABASE = "ledger";
    private static final Pattern PORT = Pattern.compile("^jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/");

    /** The file's connection, or a new one (a free loopback port, 256 random bits of password) written there. */
    static StoreConnection loadOrCreate(Path storeDir) throws IOException {
        Path file = storeDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return load(file);
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        StoreConnection created = new StoreConnection(freeLoopbackPort(), "ledger",
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        created.writeTo(file);
        return created;
    }

    static StoreConnection load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        Matcher port = PORT.matcher(properties.getProperty("spring.datasource.url", ""));
        if (!port.find()) {
            throw new IllegalStateException(file + " names no store on 127.0.0.1");
        }
        return new StoreConnection(Integer.parseInt(port.group(1)), properties.getProperty("spring.datasource.username"),
                properties.getProperty("spring.datasource.password"));
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private void writeTo(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("spring.datasource.url", jdbcUrl(DATABASE));
        properties.setProperty("spring.datasource.username", user);
        properties.setProperty("spring.datasource.password", password);
        StringWriter text = new StringWriter();
        properties.store(text, "The embedded store (bin/run-embedded): owner-only, never share it");
        OwnerOnly.write(file, text.toString());
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "StoreConnection[" + jdbcUrl(DATABASE) + ", user=" + user + "]"; // never the password
    }
}
