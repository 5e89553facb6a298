package jp.consentledger.kernel.ids;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bank's id rule as API.md writes it, a regular expression, against the ledger's character loop: they
 * must agree on every string, near the rule's edges above all (length 0, 64, 65; the characters around
 * each allowed range; characters beyond Latin-1 and surrogates).
 */
class BankIdRuleTest {
    private static final Pattern API_MD_RULE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Property(tries = 5_000)
    void theLoopAgreesWithTheRegularExpressionOfApiMd(@ForAll("nearTheRule") String value) {
        assertThat(Identifiers.isBankId(value)).as("'%s'", value).isEqualTo(API_MD_RULE.matcher(value).matches());
    }

    @Provide
    Arbitrary<String> nearTheRule() {
        // Every allowed character, and the ones just outside each range: / : @ [ ` { , space, é, 漢, a surrogate.
        Arbitrary<Character> edges = Arbitraries.of('a', 'z', 'A', 'Z', '0', '9', '.', '_', '-', '/', ':', '@', '[', '`',
                '{', ',', ' ', 'é', '漢', '\uD83D', '\u0000');
        return Arbitraries.oneOf(edges, Arbitraries.chars().alpha().numeric().with('.', '_', '-'), Arbitraries.chars())
                .list().ofMinSize(0).ofMaxSize(66).map(chars -> {
                    StringBuilder text = new StringBuilder();
                    chars.forEach(text::append);
                    return text.toString();
                });
    }

    @Example
    void lengthsAtTheEdges() {
        assertThat(Identifiers.isBankId("")).isFalse();
        assertThat(Identifiers.isBankId("a".repeat(64))).isTrue();
        assertThat(Identifiers.isBankId("a".repeat(65))).isFalse();
        assertThatThrownBy(() -> LinkageId.of("lnk/1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 64 characters");
    }
}
