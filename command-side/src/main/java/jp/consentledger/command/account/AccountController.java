package jp.consentledger.command.account;

import jp.consentledger.command.config.CommandSideProperties;
import jp.consentledger.kernel.account.AccountCommands.CloseAccount;
import jp.consentledger.kernel.account.AccountCommands.RegisterAccount;
import jp.consentledger.kernel.account.AccountCommands.RenewRegistration;
import jp.consentledger.kernel.account.AccountCommands.ResumeAccount;
import jp.consentledger.kernel.account.AccountCommands.SuspendAccount;
import jp.consentledger.kernel.account.AccountType;
import jp.consentledger.kernel.account.CustomerType;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.ids.TermsVersionId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

import static jp.consentledger.kernel.ids.Identifiers.required;
import static jp.consentledger.kernel.ids.Identifiers.requireText;

@RestController
@RequestMapping("/api/v1/accounts")
public class AccountController {
    private final CommandGateway commands;
    private final CommandSideProperties properties;
    private final Clock clock;

    public AccountController(CommandGateway commands, CommandSideProperties properties, Clock clock) {
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    public record RegisterAccountRequest(AccountId accountId, CustomerId customerId, CustomerType customerType,
                                         AccountType accountType, Boolean pinRegisteredCard,
                                         TermsVersionId termsVersion, String identityVerificationRef,
                                         ProviderId viaProviderId) {
        public RegisterAccountRequest {
            required(accountId, "accountId");
            required(customerId, "customerId");
            required(customerType, "customerType");
            required(accountType, "accountType");
            required(pinRegisteredCard, "pinRegisteredCard");
            required(termsVersion, "termsVersion");
            requireText(identityVerificationRef, "identityVerificationRef", 200);
            required(viaProviderId, "viaProviderId");
        }

        @Override
        public String toString() {
            return "RegisterAccountRequest[accountId=" + accountId.value() + "]"; // never print the customer's id
        }
    }

    public record AccountRegistered(AccountId accountId, Instant registeredAt, Instant registrationExpiresAt) {
    }

    public record RenewRegistrationRequest(TermsVersionId termsVersion, String identityVerificationRef) {
        public RenewRegistrationRequest {
            required(termsVersion, "termsVersion");
            requireText(identityVerificationRef, "identityVerificationRef", 200);
        }
    }

    public record RegistrationRenewed(AccountId accountId, TermsVersionId termsVersion, Instant renewedAt,
                                      Instant registrationExpiresAt) {
    }

    public record ReasonRequest(String reason) {
        public ReasonRequest {
            requireText(reason, "reason", 1000);
        }
    }

    public record AccountStanding(AccountId accountId, String status) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public AccountRegistered register(@RequestBody RegisterAccountRequest request) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.registrationValidity());
        commands.sendAndWait(new RegisterAccount(request.accountId(), request.customerId(), request.customerType(),
                request.accountType(), request.pinRegisteredCard(), request.termsVersion(),
                request.identityVerificationRef(), request.viaProviderId(), now, expiresAt));
        return new AccountRegistered(request.accountId(), now, expiresAt);
    }

    @PostMapping("/{accountId}/registration-renewals")
    public RegistrationRenewed renew(@PathVariable AccountId accountId, @RequestBody RenewRegistrationRequest request) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.registrationValidity());
        commands.sendAndWait(new RenewRegistration(accountId, request.termsVersion(), request.identityVerificationRef(),
                now, expiresAt));
        return new RegistrationRenewed(accountId, request.termsVersion(), now, expiresAt);
    }

    @PostMapping("/{accountId}/closure")
    public AccountStanding close(@PathVariable AccountId accountId, @RequestBody ReasonRequest request) {
        commands.sendAndWait(new CloseAccount(accountId, request.reason(), clock.instant()));
        return new AccountStanding(accountId, "CLOSED");
    }

    @PostMapping("/{accountId}/suspension")
    public AccountStanding suspend(@PathVariable AccountId accountId, @RequestBody ReasonRequest request) {
        commands.sendAndWait(new SuspendAccount(accountId, request.reason(), clock.instant()));
        return new AccountStanding(accountId, "SUSPENDED");
    }

    @DeleteMapping("/{accountId}/suspension")
    public AccountStanding resume(@PathVariable AccountId accountId) {
        commands.sendAndWait(new ResumeAccount(accountId, clock.instant()));
        return new AccountStanding(accountId, "OPEN");
    }
}
