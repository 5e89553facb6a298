package jp.consentledger.system.embedded;

import jp.consentledger.command.CommandSideApplication;
import jp.consentledger.kernel.account.RegistrationLapsedEvent;
import jp.consentledger.kernel.linkage.LinkageExpiredEvent;
import jp.consentledger.query.QuerySideApplication;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Both sides of the ledger as two application contexts in this JVM, on one H2 file store in a temp
 * folder (the sides' configuration without a profile, which shares it only inside one JVM), as
 * {@code bin/run-embedded} runs them as two processes on its own PostgreSQL: random ports, and one
 * {@link MutableClock} replacing each side's {@code clock} bean. Two contexts on H2 start in seconds
 * where three processes take a minute; the store itself is tested by EmbeddedDefaultCrashTest.
 */
final class EmbeddedLedger implements AutoCloseable {
    private final Path dataDir;
    private final MutableClock clock;
    private final ConfigurableApplicationContext commandSide;
    private ConfigurableApplicationContext querySide;

    EmbeddedLedger(Path dataDir, MutableClock clock) {
        this(dataDir, clock, new String[0]);
    }

    /** {@code commandSideArguments}: extra configuration of the command side, e.g. a deadline polling interval. */
    EmbeddedLedger(Path dataDir, MutableClock clock, String... commandSideArguments) {
        this.dataDir = dataDir;
        this.clock = clock;
        // The command side first: its Flyway creates the event store the query side reads.
        this.commandSide = start(CommandSideApplication.class, commandSideArguments);
        this.querySide = start(QuerySideApplication.class, commandSideArgument());
    }

    /** The query side checks providers' secrets with the command side (docs/provider-credentials.md). */
    private String commandSideArgument() {
        return "--ledger.command-side.url=" + commandUrl();
    }

    MutableClock clock() {
        return clock;
    }

    String commandUrl() {
        return baseUrl(commandSide);
    }

    String queryUrl() {
        return baseUrl(querySide);
    }

    /** The query side's application context, for a test that acts on its processors as an operator would. */
    ConfigurableApplicationContext querySide() {
        return querySide;
    }

    /** Stops the query side and starts a new one on the same store, as a restarted process would. */
    void restartQuerySide() {
        querySide.close();
        querySide = start(QuerySideApplication.class, commandSideArgument());
    }

    /** A second query node, in the gateway role, beside the full one on the same store; the caller closes it. */
    ConfigurableApplicationContext startGatewayQuerySide() {
        return startQuerySide("--ledger.role=gateway");
    }

    /** Another query node on the same store, with these arguments (and the command side to check secrets with); the caller closes it. */
    ConfigurableApplicationContext startQuerySide(String... arguments) {
        String[] withCommandSide = Arrays.copyOf(arguments, arguments.length + 1);
        withCommandSide[arguments.length] = commandSideArgument();
        return start(QuerySideApplication.class, withCommandSide);
    }

    String jdbcUrl() {
        // The URL both sides use (application.yml), so this connection joins the same database.
        return "jdbc:h2:file:" + dataDir.resolve("ledger") + ";WRITE_DELAY=0";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "sa", "");
    }

    /**
     * The events a request can cause: expiries and lapses are recorded by durable deadlines that fire
     * on their own schedule (a poll after the tests' clock passed their time), at any moment.
     */
    long eventCountExceptDeadlines() {
        return queryLong("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type NOT IN (?, ?)",
                LinkageExpiredEvent.class.getName(), RegistrationLapsedEvent.class.getName());
    }

    /** The global position of the last event appended, or 0 for an empty store. */
    long lastEventPosition() {
        return queryLong("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry");
    }

    /** {@code aggregateId} as Axon stores it: the typed id's aggregate identifier, e.g. {@code new AccountId(id).aggregateIdentifier()}. */
    List<String> eventTypesOf(String aggregateId) {
        List<String> types = new ArrayList<>();
        try (Connection c = connect(); var ps = c.prepareStatement(
                "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY global_index")) {
            ps.setString(1, aggregateId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(1);
                    types.add(type.substring(type.lastIndexOf('.') + 1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Collections.unmodifiableList(types);
    }

    long queryLong(String sql, Object... params) {
        try (Connection c = connect(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (querySide != null) {
            querySide.close();
        }
        commandSide.close();
    }

    private ConfigurableApplicationContext start(Class<?> application, String... extraArguments) {
        return new SpringApplicationBuilder(application)
                .initializers(context -> context.addBeanFactoryPostProcessor(beanFactory -> {
                    // Runs after the configuration classes are read, so this replaces the side's own clock bean.
                    BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beanFactory;
                    registry.removeBeanDefinition("clock");
                    registry.registerBeanDefinition("clock", new RootBeanDefinition(Clock.class, () -> clock));
                }))
                .run(Stream.concat(Stream.of("--spring.config.location=" + ownConfig(application),
                        "--server.port=0",
                        "--ledger.data-dir=" + dataDir,
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=ERROR",
                        "--logging.level.jp.consentledger=WARN"), Stream.of(extraArguments)).toArray(String[]::new));
    }

    /**
     * Both jars carry an application.yml at the root of the classpath, so each side is pointed at the
     * one in its own jar (or classes folder), never at whichever comes first.
     */
    private static String ownConfig(Class<?> application) {
        URL root = application.getProtectionDomain().getCodeSource().getLocation();
        String location = root.toString();
        return location.endsWith(".jar") ? "jar:" + location + "!/application.yml" : location + "application.yml";
    }

    static String baseUrl(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return "http://localhost:" + port;
    }
}
