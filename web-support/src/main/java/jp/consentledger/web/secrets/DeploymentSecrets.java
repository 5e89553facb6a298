package jp.consentledger.web.secrets;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Secrets of a real deployment, checked before anything starts.
 * <ul>
 * <li>From files, as container secrets are mounted: {@code LEDGER_..._FILE} (or {@code SPRING_..._FILE}) names a file
 * whose content (trailing newline removed) is the value of the variable without {@code _FILE}.</li>
 * <li>The embedded default (no profile, or the {@code embedded} profile that bin/run-embedded adds) is the only
 * place for the published demo values: under any other profile, the app refuses
 * to start while the token HMAC key, the idempotency encryption key or the checkpoint signing key pair (whichever
 * this side uses) is missing or holds a published value, and names each such setting.</li>
 * <li>Under any profile the demo staff users are off unless {@code ledger.security.demo-users-enabled=true}.</li>
 * </ul>
 */
public class DeploymentSecrets implements EnvironmentPostProcessor, Ordered {
    static final String DEMO_USERS_ENABLED = "ledger.security.demo-users-enabled";
    static final String EMBEDDED_PROFILE = "embedded";
    private static final Pattern FILE_VARIABLE = Pattern.compile("(LEDGER|SPRING)_[A-Z0-9_]+_FILE");

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the configuration files and profiles are known
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> fromFiles = readSecretFiles(environment);
        if (!fromFiles.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("ledgerSecretFiles", fromFiles));
        }
        // bin/run-embedded runs the sides as "postgres,embedded" on the store it supervises on loopback.
        List<String> profiles = List.of(environment.getActiveProfiles());
        boolean embeddedDefault = profiles.isEmpty() || profiles.contains(EMBEDDED_PROFILE);
        environment.getPropertySources().addLast(new MapPropertySource("ledgerDemoUsersDefault",
                Map.of(DEMO_USERS_ENABLED, String.valueOf(embeddedDefault))));
        if (!embeddedDefault) {
            List<String> refusals = refusals(environment);
            if (!refusals.isEmpty()) {
                throw new IllegalStateException("Refusing to start under profile(s) " + String.join(",", environment.getActiveProfiles())
                        + ": the published demo secrets belong to the embedded default only. " + String.join("; ", refusals)
                        + ". Set each (the same value on every node), or put it in a file named by the variable + _FILE.");
            }
        }
    }

    static List<String> refusals(ConfigurableEnvironment environment) {
        List<String> refusals = new ArrayList<>();
        PublishedDemoValues.SECRETS.keySet().stream().sorted().forEach(setting -> {
            if (!environment.containsProperty(setting)) {
                return; // a setting of the other side
            }
            String value;
            try {
                value = environment.getProperty(setting);
            } catch (IllegalArgumentException unresolvable) {
                value = null;
            }
            String variable = PublishedDemoValues.VARIABLES.get(setting);
            if (value == null || value.isBlank()) {
                refusals.add(setting + " (" + variable + ") is missing");
            } else if (PublishedDemoValues.SECRETS.get(setting).contains(value.trim())) {
                refusals.add(setting + " (" + variable + ") holds the published demo value");
            } else if (setting.equals("ledger.token.hmac-secret") && value.getBytes(StandardCharsets.UTF_8).length < 32) {
                refusals.add(setting + " (" + variable + ") is shorter than 32 bytes");
            }
        });
        return refusals;
    }

    private static Map<String, Object> readSecretFiles(ConfigurableEnvironment environment) {
        Set<String> variables = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (FILE_VARIABLE.matcher(name).matches()) {
                        variables.add(name);
                    }
                }
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String variable : variables) {
            String target = variable.substring(0, variable.length() - "_FILE".length());
            String direct = System.getenv(target);
            if (direct != null && !direct.isEmpty()) {
                throw new IllegalStateException(target + " and " + variable + " are both set: give the secret one way only.");
            }
            Path file = Path.of(environment.getProperty(variable));
            try {
                values.put(target, Files.readString(file, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new UncheckedIOException(variable + " names " + file + ", which cannot be read", e);
            }
        }
        return values;
    }
}
