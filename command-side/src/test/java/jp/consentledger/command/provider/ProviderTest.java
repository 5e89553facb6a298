package jp.consentledger.command.provider;

import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.refusal.Refusal;
import jp.consentledger.kernel.refusal.RefusalCode;
import jp.consentledger.kernel.provider.ProviderCommands.RegisterProvider;
import jp.consentledger.kernel.provider.ProviderCommands.ReinstateProvider;
import jp.consentledger.kernel.provider.ProviderCommands.SuspendProvider;
import jp.consentledger.kernel.provider.ProviderCommands.TerminateProvider;
import jp.consentledger.kernel.provider.ProviderCommands.RotateProviderCredential;
import jp.consentledger.kernel.provider.ProviderCredentialId;
import jp.consentledger.kernel.provider.ProviderCredentialRotatedEvent;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;
import jp.consentledger.kernel.provider.ProviderReinstatedEvent;
import jp.consentledger.kernel.provider.ProviderSuspendedEvent;
import jp.consentledger.kernel.provider.ProviderTerminatedEvent;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static jp.consentledger.command.RefusalMatcher.refusedWith;

/** R7.3-7.4, T6.3, T9: the bank registers providers and may suspend, reinstate or end them. */
class ProviderTest {
    private static final ProviderId P = new ProviderId("prov-1");
    private static final Instant T0 = Instant.parse("2026-03-01T01:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T1.plusSeconds(60);

    private static final ProviderCredentialId FIRST = new ProviderCredentialId("cred-first");
    private static final ProviderCredentialId SECOND = new ProviderCredentialId("cred-second");

    private FixtureConfiguration<Provider> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Provider.class);
    }

    private static ProviderRegisteredEvent registered() {
        return new ProviderRegisteredEvent(P, "Kakeibo Inc.", FIRST, T0);
    }

    @Test
    void R1_2_registersAContractedProvider() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProvider(P, "Kakeibo Inc.", FIRST, T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered());
    }

    @Test
    void R1_2_refusesRegisteringTheSameProviderTwice() {
        fixture.given(registered())
                .when(new RegisterProvider(P, "Kakeibo Inc.", SECOND, T1))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.PROVIDER_ALREADY_REGISTERED));
    }

    @Test
    void rotatingACredentialRecordsWhichOneReplacedWhichNeverTheSecret() {
        fixture.given(registered())
                .when(new RotateProviderCredential(P, SECOND, T1))
                .expectEvents(new ProviderCredentialRotatedEvent(P, SECOND, FIRST, T1));
    }

    @Test
    void aSuspendedProviderMayBeIssuedANewSecret() {
        fixture.given(registered(), new ProviderSuspendedEvent(P, "audit finding", T1))
                .when(new RotateProviderCredential(P, SECOND, T2))
                .expectEvents(new ProviderCredentialRotatedEvent(P, SECOND, FIRST, T2));
    }

    @Test
    void aTerminatedProviderIsIssuedNoSecret() {
        fixture.given(registered(), new ProviderTerminatedEvent(P, "contract ended", T1))
                .when(new RotateProviderCredential(P, SECOND, T2))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.PROVIDER_TERMINATED));
    }

    @Test
    void theSameRotationDeliveredTwiceRecordsOnce() {
        fixture.given(registered(), new ProviderCredentialRotatedEvent(P, SECOND, FIRST, T1))
                .when(new RotateProviderCredential(P, SECOND, T2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRegistrationRecordedWithAHashRotatesFromTheLegacyCredential() {
        fixture.given(new ProviderRegisteredEvent(P, "Kakeibo Inc.", ProviderCredentialId.LEGACY, T0))
                .when(new RotateProviderCredential(P, SECOND, T1))
                .expectEvents(new ProviderCredentialRotatedEvent(P, SECOND, ProviderCredentialId.LEGACY, T1));
    }

    @Test
    void R7_3_suspendsAProvider() {
        fixture.given(registered())
                .when(new SuspendProvider(P, "audit finding", T1))
                .expectEvents(new ProviderSuspendedEvent(P, "audit finding", T1));
    }

    @Test
    void R7_3_suspendingASuspendedProviderIsANoOp() {
        fixture.given(registered(), new ProviderSuspendedEvent(P, "audit finding", T1))
                .when(new SuspendProvider(P, "again", T2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void R7_3_reinstatesASuspendedProvider() {
        fixture.given(registered(), new ProviderSuspendedEvent(P, "audit finding", T1))
                .when(new ReinstateProvider(P, T2))
                .expectEvents(new ProviderReinstatedEvent(P, T2));
    }

    @Test
    void R7_3_reinstatingAnActiveProviderIsANoOp() {
        fixture.given(registered())
                .when(new ReinstateProvider(P, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void R7_4_T9_terminatesAProvider() {
        fixture.given(registered(), new ProviderSuspendedEvent(P, "audit finding", T1))
                .when(new TerminateProvider(P, "contract ended", T2))
                .expectEvents(new ProviderTerminatedEvent(P, "contract ended", T2));
    }

    @Test
    void R7_4_terminatingATerminatedProviderIsANoOp() {
        fixture.given(registered(), new ProviderTerminatedEvent(P, "contract ended", T1))
                .when(new TerminateProvider(P, "again", T2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void R7_4_aTerminatedProviderCannotBeSuspendedOrReinstated() {
        fixture.given(registered(), new ProviderTerminatedEvent(P, "contract ended", T1))
                .when(new SuspendProvider(P, "late", T2))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.PROVIDER_TERMINATED));
        fixture.given(registered(), new ProviderTerminatedEvent(P, "contract ended", T1))
                .when(new ReinstateProvider(P, T2))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.PROVIDER_TERMINATED));
    }

    @Test
    void R1_2_commandsToAnUnknownProviderFindNothing() {
        fixture.givenNoPriorActivity()
                .when(new SuspendProvider(P, "no such provider", T1))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }
}
