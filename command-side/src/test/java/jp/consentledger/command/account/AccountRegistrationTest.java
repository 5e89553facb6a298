package jp.consentledger.command.account;

import jp.consentledger.command.account.AccountDeadlines.RegistrationLapseDue;
import jp.consentledger.kernel.account.AccountClosedEvent;
import jp.consentledger.kernel.account.AccountCommands.CloseAccount;
import jp.consentledger.kernel.account.AccountCommands.RegisterAccount;
import jp.consentledger.kernel.account.AccountCommands.RenewRegistration;
import jp.consentledger.kernel.account.AccountCommands.ResumeAccount;
import jp.consentledger.kernel.account.AccountCommands.SuspendAccount;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.account.AccountResumedEvent;
import jp.consentledger.kernel.account.AccountSuspendedEvent;
import jp.consentledger.kernel.account.AccountType;
import jp.consentledger.kernel.account.CustomerType;
import jp.consentledger.kernel.account.RegistrationLapsedEvent;
import jp.consentledger.kernel.account.RegistrationRenewedEvent;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.refusal.RefusalCode;
import jp.consentledger.kernel.ids.TermsVersionId;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static jp.consentledger.command.RefusalMatcher.refusedWith;
import static jp.consentledger.command.account.AccountTestData.A;
import static jp.consentledger.command.account.AccountTestData.C;
import static jp.consentledger.command.account.AccountTestData.NEXT_TERMS;
import static jp.consentledger.command.account.AccountTestData.NEXT_TERMS_FROM;
import static jp.consentledger.command.account.AccountTestData.P;
import static jp.consentledger.command.account.AccountTestData.REG_END;
import static jp.consentledger.command.account.AccountTestData.SUSPENDED_P;
import static jp.consentledger.command.account.AccountTestData.T0;
import static jp.consentledger.command.account.AccountTestData.TERMINATED_P;
import static jp.consentledger.command.account.AccountTestData.TERMS;
import static jp.consentledger.command.account.AccountTestData.register;
import static jp.consentledger.command.account.AccountTestData.registered;

/** R2.2, R4.1, T3.1, R10, R5.2: an account's registration (利用登録) and its standing. */
class AccountRegistrationTest {
    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = AccountTestData.fixture();
    }

    private static RegisterAccount registerAs(CustomerType customer, boolean pinCard, TermsVersionId terms, ProviderId via) {
        return new RegisterAccount(A, C, customer, AccountType.SAVINGS_DEPOSIT, pinCard, terms, "ekyc-123", via, T0, REG_END);
    }

    // ---- registration -------------------------------------------------------------------------

    @Test
    void R4_1_T3_1_registersWithVerificationReferenceTermsAndPeriod_andSetsTheLapseDeadline() {
        fixture.givenNoPriorActivity()
                .when(register())
                .expectEvents(registered())
                .expectScheduledDeadline(REG_END, new RegistrationLapseDue(REG_END));
    }

    @Test
    void R2_2_T1_1_aCorporateNeedsNoCard() {
        fixture.givenNoPriorActivity()
                .when(registerAs(CustomerType.CORPORATE, false, TERMS, P))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountRegisteredEvent(A, C, CustomerType.CORPORATE, AccountType.SAVINGS_DEPOSIT,
                        false, TERMS, "ekyc-123", P, T0, REG_END));
    }

    @Test
    void R2_2_refusesAnIndividualWithoutAPinRegisteredCard() {
        fixture.givenNoPriorActivity()
                .when(registerAs(CustomerType.INDIVIDUAL, false, TERMS, P))
                .expectNoEvents()
                .expectNoScheduledDeadlines()
                .expectException(refusedWith(RefusalCode.ACCOUNT_NOT_ELIGIBLE));
    }

    @Test
    void R4_1_refusesRegisteringTheSameAccountTwice() {
        fixture.given(registered())
                .when(register())
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.ACCOUNT_ALREADY_REGISTERED));
    }

    @Test
    void R10_T7_refusesTermsThatWereNeverPublished() {
        fixture.givenNoPriorActivity()
                .when(registerAs(CustomerType.INDIVIDUAL, true, new TermsVersionId("1999-01"), P))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.TERMS_VERSION_UNKNOWN));
    }

    @Test
    void R10_T7_refusesConsentToTermsNotInForceAtRegistration() {
        fixture.givenNoPriorActivity()
                .when(registerAs(CustomerType.INDIVIDUAL, true, NEXT_TERMS, P))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.TERMS_VERSION_NOT_IN_FORCE));
    }

    @Test
    void R1_2_refusesRegistrationThroughAProviderTheBankHasNotContracted() {
        fixture.givenNoPriorActivity()
                .when(registerAs(CustomerType.INDIVIDUAL, true, TERMS, new ProviderId("nobody")))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.PROVIDER_UNKNOWN));
    }

    @Test
    void R7_3_refusesRegistrationThroughASuspendedOrTerminatedProvider() {
        fixture.givenNoPriorActivity()
                .when(registerAs(CustomerType.INDIVIDUAL, true, TERMS, SUSPENDED_P))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.PROVIDER_SUSPENDED));
        fixture.givenNoPriorActivity()
                .when(registerAs(CustomerType.INDIVIDUAL, true, TERMS, TERMINATED_P))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.PROVIDER_TERMINATED));
    }

    @Test
    void R4_1_refusesAPeriodThatEndsBeforeItStarts() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAccount(A, C, CustomerType.INDIVIDUAL, AccountType.CARD_LOAN, true, TERMS,
                        "ekyc-123", P, T0, T0))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.INVALID_PERIOD));
    }

    // ---- renewal ------------------------------------------------------------------------------

    @Test
    void R4_1_T3_1_renewsWithTheTermsNowInForce_andSetsTheNewLapseDeadline() {
        Instant renewedAt = NEXT_TERMS_FROM.plusSeconds(1);
        Instant newEnd = renewedAt.plus(Duration.ofDays(365));
        fixture.given(registered())
                .when(new RenewRegistration(A, NEXT_TERMS, "ekyc-456", renewedAt, newEnd))
                .expectEvents(new RegistrationRenewedEvent(A, NEXT_TERMS, "ekyc-456", renewedAt, newEnd))
                .expectScheduledDeadline(newEnd, new RegistrationLapseDue(newEnd));
    }

    @Test
    void R10_T7_refusesRenewalWithTermsNoLongerInForce() {
        Instant renewedAt = NEXT_TERMS_FROM.plusSeconds(1);
        fixture.given(registered())
                .when(new RenewRegistration(A, TERMS, "ekyc-456", renewedAt, renewedAt.plus(Duration.ofDays(365))))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.TERMS_VERSION_NOT_IN_FORCE));
    }

    @Test
    void R5_2_refusesRenewingAClosedAccount() {
        fixture.given(registered(), new AccountClosedEvent(A, "moved bank", T0.plusSeconds(10)))
                .when(new RenewRegistration(A, TERMS, "ekyc-456", T0.plusSeconds(20), REG_END.plusSeconds(20)))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.ACCOUNT_CLOSED));
    }

    @Test
    void R4_1_renewingAnUnregisteredAccountFindsNothing() {
        fixture.givenNoPriorActivity()
                .when(new RenewRegistration(A, TERMS, "ekyc-456", T0, REG_END))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    // ---- lapse, recorded at the registration's own end -----------------------------------------

    @Test
    void R4_1_T3_1_theLapseIsRecordedAtTheRegistrationsEnd_notWhenTheJobRuns() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(register())
                .whenThenTimeAdvancesTo(REG_END.plusSeconds(30))
                .expectTriggeredDeadlines(new RegistrationLapseDue(REG_END))
                .expectEvents(new RegistrationLapsedEvent(A, REG_END));
    }

    @Test
    void R4_1_nothingIsRecordedOneMillisecondBeforeTheEnd() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(register())
                .whenThenTimeAdvancesTo(REG_END.minusMillis(1))
                .expectNoEvents();
    }

    @Test
    void R4_1_aRenewalMovesTheEnd_theOldDeadlineRecordsNothing() {
        Instant renewedAt = T0.plus(Duration.ofDays(300));
        Instant newEnd = renewedAt.plus(Duration.ofDays(365));
        fixture.givenCurrentTime(T0)
                .andGivenCommands(register(), new RenewRegistration(A, NEXT_TERMS, "ekyc-456", renewedAt, newEnd))
                .whenThenTimeAdvancesTo(REG_END.plusSeconds(1))
                .expectTriggeredDeadlines(new RegistrationLapseDue(REG_END))
                .expectNoEvents();
        AccountTestData.fixture().givenCurrentTime(T0)
                .andGivenCommands(register(), new RenewRegistration(A, NEXT_TERMS, "ekyc-456", renewedAt, newEnd))
                .whenThenTimeAdvancesTo(newEnd)
                .expectEvents(new RegistrationLapsedEvent(A, newEnd));
    }

    @Test
    void R4_1_aRenewalSoonAfterTheLapseRecordsTheLapseFirst_atTheRegistrationsOwnEnd() {
        Instant renewedAt = REG_END.plusSeconds(3); // within one deadline polling interval
        Instant newEnd = renewedAt.plus(Duration.ofDays(365));
        fixture.given(registered())
                .when(new RenewRegistration(A, NEXT_TERMS, "ekyc-456", renewedAt, newEnd))
                .expectEvents(new RegistrationLapsedEvent(A, REG_END),
                        new RegistrationRenewedEvent(A, NEXT_TERMS, "ekyc-456", renewedAt, newEnd))
                .expectScheduledDeadline(newEnd, new RegistrationLapseDue(newEnd));
    }

    @Test
    void R4_1_aRenewalAtTheExactEndRecordsTheLapseFirst() {
        Instant newEnd = REG_END.plus(Duration.ofDays(365));
        fixture.given(registered())
                .when(new RenewRegistration(A, NEXT_TERMS, "ekyc-456", REG_END, newEnd))
                .expectEvents(new RegistrationLapsedEvent(A, REG_END),
                        new RegistrationRenewedEvent(A, NEXT_TERMS, "ekyc-456", REG_END, newEnd));
    }

    @Test
    void R4_1_theLapseDeadlineFiringAfterSuchARenewalRecordsNoSecondLapse() {
        Instant renewedAt = REG_END.plusSeconds(3);
        fixture.givenCurrentTime(T0)
                .andGivenCommands(register(), new RenewRegistration(A, NEXT_TERMS, "ekyc-456", renewedAt,
                        renewedAt.plus(Duration.ofDays(365))))
                .whenThenTimeAdvancesTo(REG_END.plusSeconds(10))
                .expectTriggeredDeadlines(new RegistrationLapseDue(REG_END))
                .expectNoEvents();
    }

    @Test
    void R4_1_aRenewalAfterTheDeadlineRecordedTheLapseRecordsNoSecond() {
        Instant renewedAt = REG_END.plus(Duration.ofDays(2));
        Instant newEnd = renewedAt.plus(Duration.ofDays(365));
        fixture.given(registered(), new RegistrationLapsedEvent(A, REG_END))
                .when(new RenewRegistration(A, NEXT_TERMS, "ekyc-456", renewedAt, newEnd))
                .expectEvents(new RegistrationRenewedEvent(A, NEXT_TERMS, "ekyc-456", renewedAt, newEnd));
    }

    @Test
    void R5_2_aClosedAccountsRegistrationRecordsNoLapse() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(register(), new CloseAccount(A, "moved bank", T0.plusSeconds(10)))
                .whenThenTimeAdvancesTo(REG_END)
                .expectNoEvents();
    }

    // ---- closure and suspension (R5.2) -----------------------------------------------------------

    @Test
    void R5_2_closesAnAccount_closingAgainIsANoOp() {
        Instant closedAt = T0.plusSeconds(10);
        fixture.given(registered())
                .when(new CloseAccount(A, "moved bank", closedAt))
                .expectEvents(new AccountClosedEvent(A, "moved bank", closedAt));
        fixture.given(registered(), new AccountClosedEvent(A, "moved bank", closedAt))
                .when(new CloseAccount(A, "again", closedAt.plusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void R5_2_suspendsAnAccount_suspendingAgainIsANoOp() {
        Instant at = T0.plusSeconds(10);
        fixture.given(registered())
                .when(new SuspendAccount(A, "fraud check", at))
                .expectEvents(new AccountSuspendedEvent(A, "fraud check", at));
        fixture.given(registered(), new AccountSuspendedEvent(A, "fraud check", at))
                .when(new SuspendAccount(A, "again", at.plusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void R5_2_resumesASuspendedAccount_resumingAnOpenOneIsANoOp() {
        Instant at = T0.plusSeconds(10);
        fixture.given(registered(), new AccountSuspendedEvent(A, "fraud check", at))
                .when(new ResumeAccount(A, at.plusSeconds(5)))
                .expectEvents(new AccountResumedEvent(A, at.plusSeconds(5)));
        fixture.given(registered())
                .when(new ResumeAccount(A, at))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void R5_2_aClosedAccountCannotBeSuspendedOrResumed() {
        Instant closedAt = T0.plusSeconds(10);
        fixture.given(registered(), new AccountClosedEvent(A, "moved bank", closedAt))
                .when(new SuspendAccount(A, "late", closedAt.plusSeconds(1)))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.ACCOUNT_CLOSED));
        fixture.given(registered(), new AccountSuspendedEvent(A, "fraud check", T0.plusSeconds(5)),
                        new AccountClosedEvent(A, "moved bank", closedAt))
                .when(new ResumeAccount(A, closedAt.plusSeconds(1)))
                .expectNoEvents()
                .expectException(refusedWith(RefusalCode.ACCOUNT_CLOSED));
    }

    @Test
    void R5_2_commandsToAnUnregisteredAccountFindNothing() {
        fixture.givenNoPriorActivity()
                .when(new SuspendAccount(A, "no such account", T0))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }
}
