package jp.consentledger.system.security;

import jp.consentledger.command.CommandSideApplication;
import jp.consentledger.query.QuerySideApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Both sides as two application contexts in this JVM on one temp H2 file store, security on, as
 * {@code bin/run-embedded} runs them: random ports, each side reading its own configuration
 * (both jars hold an application.yml), extra arguments (profiles, properties) on top.
 */
final class SecuredLedger implements AutoCloseable {
    private final Path dataDir;
    private final ConfigurableApplicationContext commandSide;
    private final ConfigurableApplicationContext querySide;

    SecuredLedger(Path dataDir, String... extraArguments) {
        this.dataDir = dataDir;
        this.commandSide = start(CommandSideApplication.class, extraArguments);
        // the query side checks providers' secrets with this command side (docs/provider-credentials.md)
        this.querySide = start(QuerySideApplication.class, withCommandSide(extraArguments));
    }

    private String[] withCommandSide(String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(extraArguments));
        arguments.add("--ledger.command-side.url=" + commandUrl());
        return arguments.toArray(String[]::new);
    }

    String commandUrl() {
        return baseUrl(commandSide);
    }

    String queryUrl() {
        return baseUrl(querySide);
    }

    /** A bean of the running command side (its event store, to append what no command would). */
    <T> T commandSideBean(Class<T> type) {
        return commandSide.getBean(type);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("ledger") + ";WRITE_DELAY=0",
                "sa", "");
    }

    long count(String sql) {
        try (Connection c = connect(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        querySide.close();
        commandSide.close();
    }

    private ConfigurableApplicationContext start(Class<?> application, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.config.location=" + ownConfigFolder(application),
                "--server.port=0",
                "--ledger.data-dir=" + dataDir,
                "--spring.main.banner-mode=off"));
        arguments.addAll(List.of(extraArguments));
        return new SpringApplicationBuilder(application).run(arguments.toArray(String[]::new));
    }

    /** The folder (or jar root) holding this side's application.yml and its profile files. */
    static String ownConfigFolder(Class<?> application) {
        URL root = application.getProtectionDomain().getCodeSource().getLocation();
        String location = root.toString();
        return location.endsWith(".jar") ? "jar:" + location + "!/" : location.endsWith("/") ? location : location + "/";
    }

    private static String baseUrl(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
