package jp.consentledger.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata an IDE reads (generated from QuerySideProperties at compile time) names and describes
 * every ledger.* key this side's configuration files set, so each setting can be completed and looked up.
 */
class ConfigurationMetadataTest {
    /** Keys web-support binds with its own properties (security, request limits): not this side's to describe. */
    private static final Set<String> WEB_SUPPORT = Set.of("ledger.security.", "ledger.http.");

    @Test
    void everyLedgerKeyTheSideReadsIsNamedAndDescribedInTheGeneratedMetadata() throws IOException {
        Map<String, String> described = new HashMap<>();
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
                described.put(property.path("name").asText(), property.path("description").asText(""));
            }
        }

        Set<String> read = new TreeSet<>();
        for (String file : new String[] {"application.yml", "application-embedded.yml", "application-postgres.yml",
                "application-jwt.yml", "application-axonserver.yml"}) {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
                for (String key : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                    if (key.startsWith("ledger.") && WEB_SUPPORT.stream().noneMatch(key::startsWith)) {
                        read.add(key.replaceAll("\\[\\d+].*$", "")); // a list's items: the list's own key
                    }
                }
            }
        }

        assertThat(read).contains("ledger.role", "ledger.data-dir", "ledger.display-offset",
                "ledger.event-store.fetch-delay", "ledger.token-validity.snapshot-interval",
                "ledger.token-check.min-position-wait", "ledger.audit.checkpoint-interval", "ledger.audit.settle-delay",
                "ledger.audit.signing.private-key", "ledger.audit.signing.public-key", "ledger.command-side.url",
                "ledger.command-side.timeout", "ledger.token.hmac-secret");
        assertThat(described).containsKeys(read.toArray(String[]::new));
        // and the keys only code reads (their defaults live in QuerySideProperties, not in a yml)
        assertThat(described).containsKeys("ledger.segment-balancer.interval", "ledger.audit.signing.retired-keys",
                "ledger.audit.signing.valid-from");
        assertThat(described).allSatisfy((key, description) -> assertThat(description).as(key).isNotBlank());
    }
}
