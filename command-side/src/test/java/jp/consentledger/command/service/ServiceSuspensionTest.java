package jp.consentledger.command.service;

import jp.consentledger.command.InMemoryLookups;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.refusal.RefusalCode;
import jp.consentledger.kernel.ids.SuspensionId;
import jp.consentledger.kernel.provider.ProviderStatus;
import jp.consentledger.kernel.service.ServiceSuspensionCommands.DeclareServiceSuspension;
import jp.consentledger.kernel.service.ServiceSuspensionCommands.LiftServiceSuspension;
import jp.consentledger.kernel.service.ServiceSuspensionDeclaredEvent;
import jp.consentledger.kernel.service.ServiceSuspensionLiftedEvent;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static jp.consentledger.command.RefusalMatcher.refusedWith;

/** R2.1, R7.3, T8: windows in which the service is unavailable, for every provider or one, ahead or at once. */
class ServiceSuspensionTest {
    private static final SuspensionId S = new SuspensionId("sus-1");
    private static final ProviderId P = new ProviderId("prov-1");
    private static final Instant NOW = Instant.parse("2026-03-01T01:00:00Z");
    private static final Instant FROM = Instant.parse("2026-03-02T15:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-03-02T18:00:00Z");

    private FixtureConfiguration<ServiceSuspension> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceSuspension.class);
        fixture.registerInjectableResource(new InMemoryLookups().provider("prov-1", ProviderStatus.ACTIVE));
    }

    @Test
    void T8_declaresAMaintenanceWindowAheadForAllProviders() {
        fixture.givenNoPriorActivity()
                .when(new DeclareServiceSuspension(S, FROM, UNTIL, null, "maintenance", NOW))
                .expectEvents(new ServiceSuspensionDeclaredEvent(S, FROM, UNTIL, null, "maintenance", NOW));
    }

    @Test
    void R7_3_suspendsTheServiceForOneProviderAtOnce() {
        fixture.givenNoPriorActivity()
                .when(new DeclareServiceSuspension(S, NOW, UNTIL, P, "provider incident", NOW))
                .expectEvents(new ServiceSuspensionDeclaredEvent(S, NOW, UNTIL, P, "provider incident", NOW));
    }

    @Test
    void R7_3_refusesAWindowForAProviderTheBankHasNotContracted() {
        fixture.givenNoPriorActivity()
                .when(new DeclareServiceSuspension(S, FROM, UNTIL, new ProviderId("nobody"), "typo", NOW))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.PROVIDER_UNKNOWN));
    }

    @Test
    void T8_refusesAWindowThatIsAlreadyOver() {
        fixture.givenNoPriorActivity()
                .when(new DeclareServiceSuspension(S, NOW.minusSeconds(7200), NOW.minusSeconds(3600), null, "late", NOW))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.INVALID_PERIOD));
    }

    @Test
    void T8_liftsAWindowEarly() {
        Instant lifted = FROM.plusSeconds(600);
        fixture.given(new ServiceSuspensionDeclaredEvent(S, FROM, UNTIL, null, "maintenance", NOW))
                .when(new LiftServiceSuspension(S, lifted))
                .expectEvents(new ServiceSuspensionLiftedEvent(S, lifted));
    }

    @Test
    void T8_liftingAWindowThatIsOverOrAlreadyLiftedIsANoOp() {
        fixture.given(new ServiceSuspensionDeclaredEvent(S, FROM, UNTIL, null, "maintenance", NOW))
                .when(new LiftServiceSuspension(S, UNTIL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(new ServiceSuspensionDeclaredEvent(S, FROM, UNTIL, null, "maintenance", NOW),
                        new ServiceSuspensionLiftedEvent(S, FROM))
                .when(new LiftServiceSuspension(S, FROM.plusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void T8_liftingAnUnknownWindowFindsNothing() {
        fixture.givenNoPriorActivity()
                .when(new LiftServiceSuspension(S, NOW))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }
}
