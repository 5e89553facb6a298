package jp.consentledger.web.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings this module binds for both sides (ledger.security.*, ledger.http.*, ledger.display-offset)
 * ship in the metadata an IDE reads, each with a description; the sides' own metadata tests leave them here.
 */
class WebSettingsMetadataTest {

    @Test
    void everySettingTheWebModuleReadsIsNamedAndDescribed() throws IOException {
        Map<String, String> described = new HashMap<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
                    described.put(property.path("name").asText(), property.path("description").asText());
                }
            }
        }

        assertThat(described).containsKeys("ledger.http.max-request-body", "ledger.display-offset", "ledger.security.users",
                "ledger.security.staff-users-enabled", "ledger.security.demo-users-enabled",
                "ledger.security.credential-cache-ttl", "ledger.security.credential-cache-size",
                "ledger.security.jwt.enabled", "ledger.security.jwt.roles-claim", "ledger.security.jwt.provider-claim");
        described.forEach((key, description) -> {
            if (key.startsWith("ledger.")) {
                assertThat(description).as("description of " + key).isNotBlank();
            }
        });
    }
}
