package jp.consentledger.command.idempotency;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerCipherTest {
    private static final byte[] KEY = new byte[32];
    private static final String KEY_HASH = "a".repeat(64);
    private final AnswerCipher cipher = new AnswerCipher(KEY);

    @Test
    void aSealedAnswerOpensUnderItsKeyAndHoldsNoPlainText() {
        byte[] answer = "{\"linkageId\":\"lnk-1\",\"token\":\"q3JxW9vH0bVtq1C9k0Zk3rJc2f4m7T8yXy1oQe5uA2s\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] sealed = cipher.seal(answer, KEY_HASH);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("q3JxW9vH0bVtq1C9k0Zk3rJc2f4m7T8yXy1oQe5uA2s");
        assertThat(cipher.open(sealed, KEY_HASH)).hasValueSatisfying(opened -> assertThat(opened).isEqualTo(answer));
        assertThat(cipher.seal(answer, KEY_HASH)).isNotEqualTo(sealed); // a fresh nonce each time
    }

    @Test
    void anAnswerDoesNotOpenUnderAnotherIdempotencyKeyAnotherAesKeyOrAfterAnyChange() {
        byte[] sealed = cipher.seal("{}".getBytes(StandardCharsets.UTF_8), KEY_HASH);
        assertThat(cipher.open(sealed, "b".repeat(64))).isEmpty();
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThat(new AnswerCipher(otherKey).open(sealed, KEY_HASH)).isEmpty();
        byte[] altered = Arrays.copyOf(sealed, sealed.length);
        altered[altered.length - 1] ^= 1;
        assertThat(cipher.open(altered, KEY_HASH)).isEmpty();
        assertThat(cipher.open(new byte[3], KEY_HASH)).isEmpty();
    }
}
