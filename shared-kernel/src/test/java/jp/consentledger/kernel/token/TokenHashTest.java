package jp.consentledger.kernel.token;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenHashTest {

    @Test
    void theHasherProducesAValidHashThatDependsOnTheKey() {
        TokenHash one = new TokenHasher("k".repeat(32).getBytes(StandardCharsets.UTF_8)).hash("token");
        TokenHash other = new TokenHasher("j".repeat(32).getBytes(StandardCharsets.UTF_8)).hash("token");
        assertThat(one.value()).hasSize(64);
        assertThat(one).isNotEqualTo(other);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeF",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0"})
    void anythingButSixtyFourLowercaseHexDigitsIsRefused(String value) {
        assertThatThrownBy(() -> new TokenHash(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new TokenHasher(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
