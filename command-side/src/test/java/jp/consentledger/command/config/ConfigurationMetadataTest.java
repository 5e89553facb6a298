package jp.consentledger.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An IDE can complete and explain every {@code ledger.*} setting the command side reads: the metadata the
 * configuration processor generates from {@link CommandSideProperties} names each one, with a description.
 */
class ConfigurationMetadataTest {
    /** Read by the command side itself, whether application.yml sets them or not. */
    private static final Set<String> READ_BY_THE_SIDE = Set.of(
            "ledger.data-dir", "ledger.registration-validity", "ledger.linkage-validity", "ledger.token.hmac-secret",
            "ledger.idempotency.encryption-key", "ledger.idempotency.retention", "ledger.idempotency.in-flight-timeout",
            "ledger.idempotency.purge-interval", "ledger.deadlines.polling-interval", "ledger.commands.lost-race-retries",
            "ledger.console.url");
    /** Bound by the web module, which both sides share. */
    private static final Set<String> WEB_MODULE_PREFIXES = Set.of("ledger.security.", "ledger.http.", "ledger.display-offset");

    @Test
    void everyLedgerSettingTheSideReadsIsNamedAndDescribedInTheGeneratedMetadata() throws IOException {
        Map<String, String> described = ledgerPropertiesInMetadata();

        assertThat(described).containsKeys(READ_BY_THE_SIDE.toArray(String[]::new));
        READ_BY_THE_SIDE.forEach(key -> assertThat(described.get(key)).as("description of " + key).isNotBlank());
    }

    @Test
    void everyLedgerSettingInApplicationYmlIsInTheMetadata() throws IOException {
        Set<String> inYaml = new TreeSet<>();
        try (InputStream in = getClass().getResourceAsStream("/application.yml")) {
            Map<String, Object> root = new Yaml().load(in);
            flatten("", root, inYaml);
        }
        inYaml.removeIf(key -> !key.startsWith("ledger.") || WEB_MODULE_PREFIXES.stream().anyMatch(key::startsWith));

        assertThat(inYaml).isNotEmpty();
        assertThat(ledgerPropertiesInMetadata().keySet()).containsAll(inYaml);
    }

    /** The command side's own metadata: the one file on the classpath that describes the group "ledger". */
    private Map<String, String> ledgerPropertiesInMetadata() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            JsonNode metadata;
            try (InputStream in = url.openStream()) {
                metadata = json.readTree(in);
            }
            Map<String, String> ledger = new HashMap<>();
            for (JsonNode property : metadata.path("properties")) {
                String name = property.path("name").asText();
                if (name.startsWith("ledger.") && property.path("sourceType").asText().startsWith(CommandSideProperties.class.getName())) {
                    ledger.put(name, property.path("description").asText(""));
                }
            }
            if (!ledger.isEmpty()) {
                return ledger;
            }
        }
        throw new AssertionError("no META-INF/spring-configuration-metadata.json describes CommandSideProperties");
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> node, Set<String> keys) {
        node.forEach((key, value) -> {
            if (value instanceof Map<?, ?> child) {
                flatten(prefix + key + ".", (Map<String, Object>) child, keys);
            } else {
                keys.add(prefix + key);
            }
        });
    }
}
