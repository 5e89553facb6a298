package jp.consentledger.system.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The embedded default's store (issue 17, finding 4): no listener beyond loopback, a generated credential,
 * files for their owner only, and a plain restart after any process is killed. H2's mixed mode, which it
 * replaces, failed each of these. One store for the class; the tests run in order on it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedStoreTest {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private static Path dataDir;
    private static StoreProcess store;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("embedded-store").resolve("data");
        store = StoreProcess.start(dataDir, "embedded-store-test").awaitReady();
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE acknowledged (id INT PRIMARY KEY)");
            s.execute("INSERT INTO acknowledged VALUES (1)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.stop();
        }
    }

    @Test
    @Order(1)
    void listens_on_127_0_0_1_only_and_on_no_unix_socket() throws SQLException {
        assertThat(setting("listen_addresses")).isEqualTo("127.0.0.1");
        assertThat(setting("unix_socket_directories")).isEmpty();
        assertThat(store.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");

        Optional<InetAddress> outward = outwardAddress();
        assumeThat(outward).as("this host has an address beyond loopback").isPresent();
        int port = Integer.parseInt(store.jdbcUrl().replaceAll("^jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/.*$", "$1"));
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(outward.get(), port), 2000);
            }
        }).as("the store's port on %s", outward.get()).isInstanceOf(IOException.class);
    }

    @Test
    @Order(2)
    void admits_only_the_generated_password() throws SQLException {
        String url = store.jdbcUrl();
        String password = store.connection().getProperty("spring.datasource.password");
        assertThat(password).hasSizeGreaterThanOrEqualTo(43); // 256 random bits, base64url

        for (String[] attempt : List.of(new String[]{"ledger", ""}, new String[]{"ledger", "ledger"},
                new String[]{"postgres", ""}, new String[]{"sa", ""}, new String[]{"postgres", password})) {
            assertThatThrownBy(() -> DriverManager.getConnection(url, attempt[0], attempt[1]).close())
                    .as("%s with a guessed or borrowed password", attempt[0])
                    // 28P01/28000: refused by the server; 08004: the server asked for a password that was not given.
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isIn("28P01", "28000", "08004"));
        }
        try (Connection c = store.connect()) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    @Order(3)
    void every_file_and_folder_is_its_owners_alone() throws IOException {
        assumeThat(dataDir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        assertThat(Files.getPosixFilePermissions(store.connectionFile())).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        try (Stream<Path> paths = Files.walk(dataDir)) {
            List<String> open = paths.filter(p -> !Files.isSymbolicLink(p)).filter(p -> {
                try {
                    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                    permissions.retainAll(GROUP_OR_OTHERS);
                    return !permissions.isEmpty();
                } catch (IOException vanished) { // PostgreSQL removes temporary files as it goes
                    return false;
                }
            }).map(Path::toString).toList();
            assertThat(open).as("paths readable or writable beyond their owner").isEmpty();
        }
    }

    @Test
    @Order(4)
    void a_killed_postgres_is_started_again_by_its_supervisor_with_every_commit() throws SQLException {
        long killed = store.postgresPid();
        store.killPostgres();
        store.awaitReady();

        assertThat(store.postgresPid()).isNotEqualTo(killed);
        assertThat(acknowledgedRows()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void a_supervisor_killed_alone_leaves_a_postgres_the_next_start_takes_over() throws SQLException {
        long orphan = store.postgresPid();
        store.killSupervisor();
        store = StoreProcess.start(dataDir, "embedded-store-test").awaitReady();

        assertThat(store.postgresPid()).isNotEqualTo(orphan);
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(acknowledgedRows()).isEqualTo(1);
    }

    @Test
    @Order(6)
    void after_a_kill_of_everything_a_plain_start_recovers_every_commit() throws SQLException {
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO acknowledged VALUES (2)"); // committed, so acknowledged: it must survive
        }
        store.killAll();
        store = StoreProcess.start(dataDir, "embedded-store-test").awaitReady();

        assertThat(acknowledgedRows()).isEqualTo(2);
    }

    private static long acknowledgedRows() throws SQLException {
        try (Connection c = store.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM acknowledged")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String setting(String name) throws SQLException {
        try (Connection c = store.connect(); ResultSet rs = c.createStatement().executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Optional<InetAddress> outwardAddress() {
        try {
            return NetworkInterface.networkInterfaces().filter(nic -> {
                        try {
                            return nic.isUp() && !nic.isLoopback();
                        } catch (java.net.SocketException e) {
                            return false;
                        }
                    }).flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
        } catch (java.net.SocketException e) {
            return Optional.empty();
        }
    }
}
