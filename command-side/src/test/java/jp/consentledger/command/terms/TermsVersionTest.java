package jp.consentledger.command.terms;

import jp.consentledger.kernel.refusal.RefusalCode;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.terms.PublishTermsVersion;
import jp.consentledger.kernel.terms.TermsVersionPublishedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static jp.consentledger.command.RefusalMatcher.refusedWith;

/** R10, T7: terms change by publication with an effective date and the document's hash. */
class TermsVersionTest {
    private static final TermsVersionId V1 = new TermsVersionId("2026-01");
    private static final String SHA = "a".repeat(64);
    private static final Instant EFFECTIVE = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant PUBLISHED = Instant.parse("2026-03-01T00:00:00Z");

    private FixtureConfiguration<TermsVersion> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TermsVersion.class);
    }

    @Test
    void R10_T7_publishesAVersionWithItsEffectiveDateAndHash() {
        fixture.givenNoPriorActivity()
                .when(new PublishTermsVersion(V1, EFFECTIVE, SHA, PUBLISHED))
                .expectEvents(new TermsVersionPublishedEvent(V1, EFFECTIVE, SHA, PUBLISHED));
    }

    @Test
    void R10_T7_aPublishedVersionIsNeverRepublished_aChangeIsANewVersion() {
        fixture.given(new TermsVersionPublishedEvent(V1, EFFECTIVE, SHA, PUBLISHED))
                .when(new PublishTermsVersion(V1, EFFECTIVE.plusSeconds(86_400), "b".repeat(64), PUBLISHED.plusSeconds(60)))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.TERMS_VERSION_ALREADY_PUBLISHED));
    }
}
