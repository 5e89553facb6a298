package jp.consentledger.command.account;

import jp.consentledger.command.account.AccountDeadlines.LinkageExpiryDue;
import jp.consentledger.kernel.account.AccountClosedEvent;
import jp.consentledger.kernel.account.AccountCommands.CloseAccount;
import jp.consentledger.kernel.account.AccountSuspendedEvent;
import jp.consentledger.kernel.account.RegistrationRenewedEvent;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.refusal.RefusalCode;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.linkage.GrantDecision;
import jp.consentledger.kernel.linkage.LinkageAmendedEvent;
import jp.consentledger.kernel.linkage.LinkageCommands.AmendLinkage;
import jp.consentledger.kernel.linkage.LinkageCommands.ConfirmRevocation;
import jp.consentledger.kernel.linkage.LinkageCommands.RequestRevocation;
import jp.consentledger.kernel.linkage.LinkageCommands.ResumeLinkage;
import jp.consentledger.kernel.linkage.LinkageCommands.RevokeAtBank;
import jp.consentledger.kernel.linkage.LinkageCommands.SuspendLinkage;
import jp.consentledger.kernel.account.RegistrationLapsedEvent;
import jp.consentledger.kernel.linkage.LinkageExpiredEvent;
import jp.consentledger.kernel.linkage.LinkageGrantRefusedEvent;
import jp.consentledger.kernel.linkage.LinkageResumedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationConfirmedEvent;
import jp.consentledger.kernel.linkage.LinkageRevocationRequestedEvent;
import jp.consentledger.kernel.linkage.LinkageRevokedAtBankEvent;
import jp.consentledger.kernel.linkage.LinkageSuspendedEvent;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static jp.consentledger.command.RefusalMatcher.refusedWith;
import static jp.consentledger.command.account.AccountTestData.A;
import static jp.consentledger.command.account.AccountTestData.GRANTED;
import static jp.consentledger.command.account.AccountTestData.L;
import static jp.consentledger.command.account.AccountTestData.L2;
import static jp.consentledger.command.account.AccountTestData.LINK_END;
import static jp.consentledger.command.account.AccountTestData.P;
import static jp.consentledger.command.account.AccountTestData.P2;
import static jp.consentledger.command.account.AccountTestData.RECIPIENTS;
import static jp.consentledger.command.account.AccountTestData.REG_END;
import static jp.consentledger.command.account.AccountTestData.SUSPENDED_P;
import static jp.consentledger.command.account.AccountTestData.T0;
import static jp.consentledger.command.account.AccountTestData.TERMINATED_P;
import static jp.consentledger.command.account.AccountTestData.TERMS;
import static jp.consentledger.command.account.AccountTestData.grant;
import static jp.consentledger.command.account.AccountTestData.granted;
import static jp.consentledger.command.account.AccountTestData.register;
import static jp.consentledger.command.account.AccountTestData.registered;
import static org.hamcrest.Matchers.containsString;

/** A linkage (API連携) from grant to its end: R1.2, R2.1, R4.2-4.3, R4.6, R5.1-5.2, R7.3, R11. */
class LinkageLifecycleTest {
    private static final Instant LATER = GRANTED.plus(Duration.ofDays(1));

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = AccountTestData.fixture();
    }

    // ---- grant ---------------------------------------------------------------------------------

    @Test
    void R4_2_R4_3_grantsWithScopesRecipientsAndPeriod_recordsOnlyTheTokenHash_andSetsTheExpiryDeadline() {
        fixture.given(registered())
                .when(grant())
                .expectEvents(granted())
                .expectResultMessagePayload(GrantDecision.granted(L))
                .expectScheduledDeadline(LINK_END, new LinkageExpiryDue(L, LINK_END));
    }

    @Test
    void R4_2_theSameAccountWithTwoProvidersIsTwoLinkages() {
        fixture.given(registered(), granted())
                .when(grant(L2, P2, LATER, LATER.plus(Duration.ofDays(90))))
                .expectEvents(granted(L2, P2, LATER, LATER.plus(Duration.ofDays(90))));
    }

    @Test
    void R4_2_refusesASecondLiveLinkageForTheSameAccountAndProvider() {
        fixture.given(registered(), granted())
                .when(grant(L2, P, LATER, LATER.plus(Duration.ofDays(90))))
                .expectNoEvents()
                .expectNoScheduledDeadlines()
                .expectException(refusedWith(RefusalCode.LINKAGE_ALREADY_ACTIVE));
    }

    @Test
    void R4_2_aSuspendedOrRevocationRequestedLinkageIsStillLive_andBlocksASecondGrant() {
        fixture.given(registered(), granted(), new LinkageSuspendedEvent(L, A, P, "check", null, LATER))
                .when(grant(L2, P, LATER.plusSeconds(1), LATER.plus(Duration.ofDays(90))))
                .expectException(refusedWith(RefusalCode.LINKAGE_ALREADY_ACTIVE));
        fixture.given(registered(), granted(), new LinkageRevocationRequestedEvent(L, A, P, LATER, LATER))
                .when(grant(L2, P, LATER.plusSeconds(1), LATER.plus(Duration.ofDays(90))))
                .expectException(refusedWith(RefusalCode.LINKAGE_ALREADY_ACTIVE));
    }

    @Test
    void R4_2_reGrantingAtTheExactMomentOfExpiryGivesANewPeriodAndToken_afterRecordingTheExpiry() {
        Instant newEnd = LINK_END.plus(Duration.ofDays(90));
        fixture.given(registered(), granted())
                .when(grant(L2, P, LINK_END, newEnd))
                .expectEvents(new LinkageExpiredEvent(L, A, P, LINK_END), granted(L2, P, LINK_END, newEnd))
                .expectResultMessagePayload(GrantDecision.granted(L2));
    }

    @Test
    void R4_2_aReGrantSoonAfterExpiryRecordsTheExpiryFirst_atTheLinkagesOwnEnd() {
        Instant regrantedAt = LINK_END.plusSeconds(3); // within one deadline polling interval
        Instant newEnd = regrantedAt.plus(Duration.ofDays(90));
        fixture.given(registered(), granted())
                .when(grant(L2, P, regrantedAt, newEnd))
                .expectEvents(new LinkageExpiredEvent(L, A, P, LINK_END), granted(L2, P, regrantedAt, newEnd));
    }

    @Test
    void R4_2_theExpiryDeadlineFiringAfterSuchAReGrantRecordsNoSecondExpiry() {
        Instant regrantedAt = LINK_END.plusSeconds(3);
        fixture.givenCurrentTime(T0)
                .andGivenCommands(register(), grant(), grant(L2, P, regrantedAt, regrantedAt.plus(Duration.ofDays(90))))
                .whenThenTimeAdvancesTo(LINK_END.plusSeconds(10))
                .expectTriggeredDeadlines(new LinkageExpiryDue(L, LINK_END))
                .expectNoEvents();
    }

    @Test
    void R4_2_aReGrantAfterTheDeadlineRecordedTheExpiryRecordsNoSecond() {
        Instant regrantedAt = LINK_END.plus(Duration.ofDays(1));
        fixture.given(registered(), granted(), new LinkageExpiredEvent(L, A, P, LINK_END))
                .when(grant(L2, P, regrantedAt, regrantedAt.plus(Duration.ofDays(90))))
                .expectEvents(granted(L2, P, regrantedAt, regrantedAt.plus(Duration.ofDays(90))));
    }

    @Test
    void R4_2_aGrantToAnotherProviderRecordsNothingOfThisOnesExpiry() {
        Instant at = LINK_END.plusSeconds(3);
        fixture.given(registered(), granted())
                .when(grant(L2, P2, at, at.plus(Duration.ofDays(90))))
                .expectEvents(granted(L2, P2, at, at.plus(Duration.ofDays(90))));
    }

    @Test
    void R4_2_oneMillisecondBeforeExpiryTheOldLinkageStillBlocks() {
        fixture.given(registered(), granted())
                .when(grant(L2, P, LINK_END.minusMillis(1), LINK_END.plus(Duration.ofDays(90))))
                .expectException(refusedWith(RefusalCode.LINKAGE_ALREADY_ACTIVE));
    }

    @Test
    void R5_1_aRevokedLinkageNoLongerBlocksAGrant() {
        fixture.given(registered(), granted(), new LinkageRevokedAtBankEvent(L, A, P, "customer asked", LATER))
                .when(grant(L2, P, LATER.plusSeconds(1), LATER.plus(Duration.ofDays(90))))
                .expectEvents(granted(L2, P, LATER.plusSeconds(1), LATER.plus(Duration.ofDays(90))));
    }

    @Test
    void R1_2_refusesAProviderTheBankHasNotContracted() {
        fixture.given(registered())
                .when(grant(L, new ProviderId("nobody"), GRANTED, LINK_END))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.PROVIDER_UNKNOWN));
    }

    @Test
    void R7_3_refusesASuspendedProvider_andRecordsTheRefusal() {
        fixture.given(registered())
                .when(grant(L, SUSPENDED_P, GRANTED, LINK_END))
                .expectSuccessfulHandlerExecution()
                .expectNoScheduledDeadlines()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(refusal(SUSPENDED_P, RefusalCode.PROVIDER_SUSPENDED),
                                org.axonframework.test.matchers.Matchers.andNoMore())))
                .expectResultMessagePayloadMatching(decision(RefusalCode.PROVIDER_SUSPENDED));
    }

    @Test
    void R7_4_refusesATerminatedProvider_andRecordsTheRefusal() {
        fixture.given(registered())
                .when(grant(L, TERMINATED_P, GRANTED, LINK_END))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(refusal(TERMINATED_P, RefusalCode.PROVIDER_TERMINATED),
                                org.axonframework.test.matchers.Matchers.andNoMore())))
                .expectResultMessagePayloadMatching(decision(RefusalCode.PROVIDER_TERMINATED));
    }

    @Test
    void R4_1_T3_1_aLapsedRegistrationRefusesTheGrant_andTheRefusalIsRecordedAsEvidence_afterTheLapse() {
        fixture.given(registered())
                .when(grant(L, P, REG_END, REG_END.plus(Duration.ofDays(90))))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.<Object>exactSequenceOf(
                                org.hamcrest.Matchers.equalTo(new RegistrationLapsedEvent(A, REG_END)),
                                (org.hamcrest.Matcher) refusal(P, RefusalCode.REGISTRATION_LAPSED),
                                org.axonframework.test.matchers.Matchers.andNoMore())))
                .expectResultMessagePayloadMatching(decision(RefusalCode.REGISTRATION_LAPSED))
                .expectNoScheduledDeadlines();
    }

    @Test
    void R4_1_oneMillisecondBeforeTheLapseTheGrantSucceeds() {
        Instant at = REG_END.minusMillis(1);
        fixture.given(registered())
                .when(grant(L, P, at, at.plus(Duration.ofDays(90))))
                .expectEvents(granted(L, P, at, at.plus(Duration.ofDays(90))));
    }

    @Test
    void R4_1_aRenewedRegistrationGrantsAgain() {
        Instant renewedAt = REG_END.plusSeconds(10);
        fixture.given(registered(), new RegistrationRenewedEvent(A, TERMS, "ekyc-456", renewedAt, renewedAt.plus(Duration.ofDays(365))))
                .when(grant(L, P, renewedAt.plusSeconds(1), renewedAt.plus(Duration.ofDays(90))))
                .expectResultMessagePayload(GrantDecision.granted(L));
    }

    @Test
    void R5_2_refusesGrantingOnAClosedOrSuspendedAccount() {
        fixture.given(registered(), new AccountClosedEvent(A, "moved bank", GRANTED.minusSeconds(1)))
                .when(grant())
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.ACCOUNT_CLOSED));
        fixture.given(registered(), new AccountSuspendedEvent(A, "fraud check", GRANTED.minusSeconds(1)))
                .when(grant())
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.ACCOUNT_SUSPENDED));
    }

    @Test
    void R1_2_grantingOnAnUnregisteredAccountFindsNothing() {
        fixture.givenNoPriorActivity()
                .when(grant())
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    // ---- revocation through the provider (R5.1, T4.1) -------------------------------------------

    @Test
    void R5_1_T4_1_aRevocationRequestKeepsBothTheCustomersTimeAndTheBanksTime() {
        Instant askedAt = LATER.minusSeconds(3600);
        fixture.given(registered(), granted())
                .when(new RequestRevocation(A, L, askedAt, LATER))
                .expectEvents(new LinkageRevocationRequestedEvent(L, A, P, askedAt, LATER));
    }

    @Test
    void R5_1_aSecondRevocationRequestIsANoOp() {
        fixture.given(registered(), granted(), new LinkageRevocationRequestedEvent(L, A, P, LATER, LATER))
                .when(new RequestRevocation(A, L, LATER.plusSeconds(5), LATER.plusSeconds(10)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void R5_1_refusesARequestTimedBeforeTheGrantOrAfterItsRecording() {
        fixture.given(registered(), granted())
                .when(new RequestRevocation(A, L, GRANTED.minusMillis(1), LATER))
                .expectException(refusedWith(RefusalCode.INVALID_PERIOD));
        fixture.given(registered(), granted())
                .when(new RequestRevocation(A, L, LATER.plusMillis(1), LATER))
                .expectException(refusedWith(RefusalCode.INVALID_PERIOD));
    }

    @Test
    void R5_1_refusesRequestingRevocationOfARevokedLinkage() {
        fixture.given(registered(), granted(), new LinkageRevokedAtBankEvent(L, A, P, "bank decision", LATER))
                .when(new RequestRevocation(A, L, LATER.plusSeconds(1), LATER.plusSeconds(2)))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.LINKAGE_ALREADY_REVOKED));
    }

    @Test
    void R5_1_theBankConfirmsARequestedRevocation() {
        Instant confirmedAt = LATER.plusSeconds(600);
        fixture.given(registered(), granted(), new LinkageRevocationRequestedEvent(L, A, P, LATER, LATER))
                .when(new ConfirmRevocation(A, L, confirmedAt))
                .expectEvents(new LinkageRevocationConfirmedEvent(L, A, P, confirmedAt));
    }

    @Test
    void R5_1_aSecondConfirmationIsANoOp() {
        fixture.given(registered(), granted(), new LinkageRevocationRequestedEvent(L, A, P, LATER, LATER),
                        new LinkageRevocationConfirmedEvent(L, A, P, LATER.plusSeconds(600)))
                .when(new ConfirmRevocation(A, L, LATER.plusSeconds(700)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void R5_1_refusesConfirmingWithoutARequest() {
        fixture.given(registered(), granted())
                .when(new ConfirmRevocation(A, L, LATER))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.REVOCATION_NOT_REQUESTED));
    }

    // ---- revocation at the bank ----------------------------------------------------------------

    @Test
    void R5_1_revocationAtTheBankIsEffectiveAtOnce_evenWithARequestPending() {
        fixture.given(registered(), granted(), new LinkageRevocationRequestedEvent(L, A, P, LATER, LATER))
                .when(new RevokeAtBank(A, L, "customer asked the bank", LATER.plusSeconds(1)))
                .expectEvents(new LinkageRevokedAtBankEvent(L, A, P, "customer asked the bank", LATER.plusSeconds(1)));
    }

    @Test
    void R5_1_refusesRevokingTwice() {
        fixture.given(registered(), granted(), new LinkageRevokedAtBankEvent(L, A, P, "bank decision", LATER))
                .when(new RevokeAtBank(A, L, "again", LATER.plusSeconds(1)))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.LINKAGE_ALREADY_REVOKED));
        fixture.given(registered(), granted(), new LinkageRevocationRequestedEvent(L, A, P, LATER, LATER),
                        new LinkageRevocationConfirmedEvent(L, A, P, LATER.plusSeconds(1)))
                .when(new RevokeAtBank(A, L, "again", LATER.plusSeconds(2)))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.LINKAGE_ALREADY_REVOKED));
    }

    @Test
    void R5_1_commandsForAnUnknownLinkageOfTheAccountAreRefused() {
        fixture.given(registered(), granted())
                .when(new RevokeAtBank(A, new LinkageId("lnk-other"), "typo", LATER))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.LINKAGE_NOT_FOUND));
    }

    // ---- amendment (R2.1): same linkage, same token, history kept --------------------------------

    @Test
    void R2_1_amendsScopesAndKeepsTheRecipients() {
        fixture.given(registered(), granted())
                .when(new AmendLinkage(A, L, Set.of(Scope.BALANCE), null, LATER))
                .expectEvents(new LinkageAmendedEvent(L, A, P, Set.of(Scope.BALANCE), RECIPIENTS, LATER));
    }

    @Test
    void R2_1_R4_8_amendsChainedRecipientsAndKeepsTheScopes() {
        List<ChainedRecipient> recipients = List.of(new ChainedRecipient("tax-app.example"));
        fixture.given(registered(), granted())
                .when(new AmendLinkage(A, L, null, recipients, LATER))
                .expectEvents(new LinkageAmendedEvent(L, A, P, Set.of(Scope.BALANCE, Scope.TRANSACTIONS), recipients, LATER));
    }

    @Test
    void R4_2_refusesAmendingAnExpiredOrRevokedLinkage() {
        fixture.given(registered(), granted())
                .when(new AmendLinkage(A, L, Set.of(Scope.BALANCE), null, LINK_END))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.LINKAGE_EXPIRED));
        fixture.given(registered(), granted(), new LinkageRevokedAtBankEvent(L, A, P, "bank decision", LATER))
                .when(new AmendLinkage(A, L, Set.of(Scope.BALANCE), null, LATER.plusSeconds(1)))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.LINKAGE_ALREADY_REVOKED));
    }

    // ---- suspension of one linkage --------------------------------------------------------------

    @Test
    void R7_3_suspendsAndResumesALinkage() {
        fixture.given(registered(), granted())
                .when(new SuspendLinkage(A, L, "suspicious calls", null, LATER))
                .expectEvents(new LinkageSuspendedEvent(L, A, P, "suspicious calls", null, LATER));
        fixture.given(registered(), granted(), new LinkageSuspendedEvent(L, A, P, "suspicious calls", null, LATER))
                .when(new ResumeLinkage(A, L, LATER.plusSeconds(60)))
                .expectEvents(new LinkageResumedEvent(L, A, P, LATER.plusSeconds(60)));
    }

    @Test
    void R4_6_aSuspensionFollowingABreachNamesTheBreach() {
        BreachId breach = new BreachId("brc-1");
        fixture.given(registered(), granted())
                .when(new SuspendLinkage(A, L, "breach brc-1", breach, LATER))
                .expectEvents(new LinkageSuspendedEvent(L, A, P, "breach brc-1", breach, LATER));
    }

    @Test
    void R7_3_suspendingASuspendedLinkageOrResumingAnActiveOneIsANoOp() {
        fixture.given(registered(), granted(), new LinkageSuspendedEvent(L, A, P, "suspicious calls", null, LATER))
                .when(new SuspendLinkage(A, L, "again", null, LATER.plusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered(), granted())
                .when(new ResumeLinkage(A, L, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void R4_2_refusesSuspendingOrResumingAnExpiredLinkage() {
        fixture.given(registered(), granted())
                .when(new SuspendLinkage(A, L, "late", null, LINK_END))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.LINKAGE_EXPIRED));
        fixture.given(registered(), granted(), new LinkageSuspendedEvent(L, A, P, "check", null, LATER))
                .when(new ResumeLinkage(A, L, LINK_END.plusMillis(1)))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.LINKAGE_EXPIRED));
    }

    @Test
    void R4_6_aBreachFindsAnEndedLinkageWithNothingToSuspend() {
        fixture.given(registered(), granted(), new LinkageRevokedAtBankEvent(L, A, P, "bank decision", LATER))
                .when(new SuspendLinkage(A, L, "breach brc-1", new BreachId("brc-1"), LATER.plusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ---- expiry, recorded at the linkage's own end (R4.2-4.3) ----------------------------------

    @Test
    void R4_2_R4_3_theExpiryIsRecordedAtExpiresAt_notWhenTheJobRuns() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(register(), grant())
                .whenThenTimeAdvancesTo(LINK_END.plusSeconds(42))
                .expectTriggeredDeadlines(new LinkageExpiryDue(L, LINK_END))
                .expectEvents(new LinkageExpiredEvent(L, A, P, LINK_END));
    }

    @Test
    void R4_3_nothingIsRecordedOneMillisecondBeforeExpiry() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(register(), grant())
                .whenThenTimeAdvancesTo(LINK_END.minusMillis(1))
                .expectNoEvents();
    }

    @Test
    void R5_1_aRevokedLinkageRecordsNoExpiry() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(register(), grant(), new RevokeAtBank(A, L, "bank decision", LATER))
                .whenThenTimeAdvancesTo(LINK_END)
                .expectTriggeredDeadlines(new LinkageExpiryDue(L, LINK_END))
                .expectNoEvents();
    }

    @Test
    void R5_1_aRequestedButUnconfirmedRevocationStillExpires() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(register(), grant(), new RequestRevocation(A, L, LATER, LATER))
                .whenThenTimeAdvancesTo(LINK_END)
                .expectEvents(new LinkageExpiredEvent(L, A, P, LINK_END));
    }

    @Test
    void R5_2_aClosedAccountsLinkagesRecordNoExpiry() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(register(), grant(), new CloseAccount(A, "moved bank", LATER))
                .whenThenTimeAdvancesTo(LINK_END)
                .expectNoEvents();
    }

    @Test
    void R4_2_aReGrantedLinkageExpiresOnItsOwn() {
        Instant secondEnd = LINK_END.plus(Duration.ofDays(90));
        fixture.givenCurrentTime(T0)
                .andGivenCommands(register(), grant(), grant(L2, P, LINK_END, secondEnd))
                .whenThenTimeAdvancesTo(secondEnd)
                .expectEvents(new LinkageExpiredEvent(L2, A, P, secondEnd)); // the first one's, at the re-grant
    }

    private static org.hamcrest.Matcher<LinkageGrantRefusedEvent> refusal(ProviderId provider, RefusalCode code) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(LinkageGrantRefusedEvent event) {
                return event.accountId().equals(A) && event.providerId().equals(provider)
                        && event.refusalCode().equals(code.name()) && !event.reason().isBlank();
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a recorded grant refusal ").appendValue(code).appendText(" for ").appendValue(provider);
            }
        };
    }

    private static org.hamcrest.Matcher<GrantDecision> decision(RefusalCode code) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(GrantDecision decision) {
                return decision.linkageId() == null && decision.refusal() == code
                        && containsString(" ").matches(decision.detail());
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a refused grant decision ").appendValue(code);
            }
        };
    }
}
