package jp.consentledger.command.breach;

import jp.consentledger.command.InMemoryLookups;
import jp.consentledger.kernel.breach.BreachCommands.RecordDisclosure;
import jp.consentledger.kernel.breach.BreachCommands.ReportBreach;
import jp.consentledger.kernel.breach.BreachCommands.ResolveBreach;
import jp.consentledger.kernel.breach.BreachKind;
import jp.consentledger.kernel.breach.BreachReportedEvent;
import jp.consentledger.kernel.breach.BreachResolvedEvent;
import jp.consentledger.kernel.breach.DisclosureRecordedEvent;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.refusal.RefusalCode;
import jp.consentledger.kernel.provider.ProviderStatus;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static jp.consentledger.command.RefusalMatcher.refusedWith;

/** R4.6-4.8, T3.6-3.7: breaches (事故) are reported, disclosures recorded, and resolved; never deleted. */
class BreachTest {
    private static final BreachId B = new BreachId("brc-1");
    private static final ProviderId P = new ProviderId("prov-1");
    private static final AccountId A = new AccountId("acc-1");
    private static final LinkageId L = new LinkageId("lnk-1");
    private static final Instant DETECTED = Instant.parse("2026-03-01T00:30:00Z");
    private static final Instant REPORTED = Instant.parse("2026-03-01T01:00:00Z");
    private static final Instant LATER = REPORTED.plusSeconds(3600);

    private FixtureConfiguration<Breach> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Breach.class);
        fixture.registerInjectableResource(new InMemoryLookups()
                .provider("prov-1", ProviderStatus.SUSPENDED)
                .account("acc-1")
                .linkage("lnk-1", "acc-1", "prov-1"));
    }

    private static ReportBreach report(Set<ProviderId> providers, Set<AccountId> accounts, Set<LinkageId> linkages) {
        return new ReportBreach(B, BreachKind.DATA_LEAK, DETECTED, "export bucket left public", "operator",
                providers, accounts, linkages, true, REPORTED);
    }

    private static BreachReportedEvent reported() {
        return new BreachReportedEvent(B, BreachKind.DATA_LEAK, DETECTED, "export bucket left public", "operator",
                Set.of(P), Set.of(A), Set.of(L), true, REPORTED);
    }

    @Test
    void R4_6_T3_6_recordsKindDetectionReporterAndAffectedParties() {
        fixture.givenNoPriorActivity()
                .when(report(Set.of(P), Set.of(A), Set.of(L)))
                .expectEvents(reported());
    }

    @Test
    void R4_6_refusesABreachDetectedInTheFuture() {
        fixture.givenNoPriorActivity()
                .when(new ReportBreach(B, BreachKind.SYSTEM_FAILURE, LATER, "clock skew", "operator",
                        Set.of(), Set.of(), Set.of(), false, REPORTED))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.INVALID_PERIOD));
    }

    @Test
    void R4_6_refusesAnAffectedProviderTheBankHasNotContracted() {
        fixture.givenNoPriorActivity()
                .when(report(Set.of(P, new ProviderId("prov-typo")), Set.of(), Set.of()))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.PROVIDER_UNKNOWN));
    }

    @Test
    void R4_6_refusesAnAffectedAccountThatIsNotRegistered() {
        fixture.givenNoPriorActivity()
                .when(report(Set.of(), Set.of(new AccountId("acc-typo")), Set.of()))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.ACCOUNT_UNKNOWN));
    }

    @Test
    void R4_6_refusesAnAffectedLinkageTheLedgerHasNotRecorded() {
        fixture.givenNoPriorActivity()
                .when(report(Set.of(), Set.of(), Set.of(new LinkageId("lnk-typo"))))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.LINKAGE_UNKNOWN));
    }

    @Test
    void R4_7_T3_7_recordsADisclosureToAProviderOnItsClause() {
        DisclosureRecordedEvent disclosed = new DisclosureRecordedEvent(B, "dsc-1", P, null,
                List.of("account holder name", "transaction history 2026-02"), "R4.7", LATER);
        fixture.given(reported())
                .when(new RecordDisclosure(B, "dsc-1", P, null,
                        List.of("account holder name", "transaction history 2026-02"), "R4.7", LATER))
                .expectEvents(disclosed);
    }

    @Test
    void R4_8_recordsADisclosureToAChainedRecipient() {
        ChainedRecipient recipient = new ChainedRecipient("budget-app.example");
        fixture.given(reported())
                .when(new RecordDisclosure(B, "dsc-2", null, recipient, List.of("balance"), "R4.8", LATER))
                .expectEvents(new DisclosureRecordedEvent(B, "dsc-2", null, recipient, List.of("balance"), "R4.8", LATER));
    }

    @Test
    void R4_7_recordingTheSameDisclosureAgainIsANoOp() {
        fixture.given(reported(), new DisclosureRecordedEvent(B, "dsc-1", P, null, List.of("balance"), "R4.7", LATER))
                .when(new RecordDisclosure(B, "dsc-1", P, null, List.of("balance"), "R4.7", LATER.plusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void R4_6_resolvesABreach_whichStaysOnRecord() {
        fixture.given(reported())
                .when(new ResolveBreach(B, "bucket closed, keys rotated", LATER))
                .expectEvents(new BreachResolvedEvent(B, "bucket closed, keys rotated", LATER));
    }

    @Test
    void R4_6_aResolvedBreachTakesNoFurtherDisclosureOrResolution() {
        fixture.given(reported(), new BreachResolvedEvent(B, "done", LATER))
                .when(new ResolveBreach(B, "again", LATER.plusSeconds(1)))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.BREACH_ALREADY_RESOLVED));
        fixture.given(reported(), new BreachResolvedEvent(B, "done", LATER))
                .when(new RecordDisclosure(B, "dsc-9", P, null, List.of("balance"), "R4.7", LATER.plusSeconds(1)))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.BREACH_ALREADY_RESOLVED));
    }

    @Test
    void R4_6_commandsToAnUnknownBreachFindNothing() {
        fixture.givenNoPriorActivity()
                .when(new ResolveBreach(B, "nothing", LATER))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }
}
