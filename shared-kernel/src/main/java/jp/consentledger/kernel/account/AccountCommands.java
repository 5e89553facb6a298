package jp.consentledger.kernel.account;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.ids.TermsVersionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

import static jp.consentledger.kernel.ids.Identifiers.required;
import static jp.consentledger.kernel.time.LedgerTime.requireInRange;
import static jp.consentledger.kernel.ids.Identifiers.requireText;

/** Commands about an account's registration (利用登録) and standing. Times are passed in, never read inside. */
public final class AccountCommands {
    private AccountCommands() {
    }

    /**
     * A command addressed to one account's aggregate: Axon routes it by the account's aggregate
     * identifier, named here rather than left to {@code toString()}.
     */
    public interface ToAccount {
        AccountId accountId();

        @TargetAggregateIdentifier
        default String targetAggregateIdentifier() {
            return accountId().aggregateIdentifier();
        }
    }

    public record RegisterAccount(AccountId accountId, CustomerId customerId,
                                  CustomerType customerType, AccountType accountType, boolean pinRegisteredCard,
                                  TermsVersionId termsVersion, String identityVerificationRef,
                                  ProviderId viaProviderId, Instant registeredAt, Instant registrationExpiresAt) implements ToAccount {
        public RegisterAccount {
            required(accountId, "accountId");
            required(customerId, "customerId");
            required(customerType, "customerType");
            required(accountType, "accountType");
            required(termsVersion, "termsVersion");
            requireText(identityVerificationRef, "identityVerificationRef", 200);
            required(viaProviderId, "viaProviderId");
            requireInRange(registeredAt, "registeredAt");
            requireInRange(registrationExpiresAt, "registrationExpiresAt");
        }
    }

    public record RenewRegistration(AccountId accountId, TermsVersionId termsVersion,
                                    String identityVerificationRef, Instant renewedAt,
                                    Instant registrationExpiresAt) implements ToAccount {
        public RenewRegistration {
            required(accountId, "accountId");
            required(termsVersion, "termsVersion");
            requireText(identityVerificationRef, "identityVerificationRef", 200);
            requireInRange(renewedAt, "renewedAt");
            requireInRange(registrationExpiresAt, "registrationExpiresAt");
        }
    }

    public record CloseAccount(AccountId accountId, String reason, Instant closedAt) implements ToAccount {
        public CloseAccount {
            required(accountId, "accountId");
            requireText(reason, "reason", 1000);
            requireInRange(closedAt, "closedAt");
        }
    }

    public record SuspendAccount(AccountId accountId, String reason, Instant suspendedAt) implements ToAccount {
        public SuspendAccount {
            required(accountId, "accountId");
            requireText(reason, "reason", 1000);
            requireInRange(suspendedAt, "suspendedAt");
        }
    }

    public record ResumeAccount(AccountId accountId, Instant resumedAt) implements ToAccount {
        public ResumeAccount {
            required(accountId, "accountId");
            requireInRange(resumedAt, "resumedAt");
        }
    }
}
