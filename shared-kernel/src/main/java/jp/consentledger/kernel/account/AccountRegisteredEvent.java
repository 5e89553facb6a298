package jp.consentledger.kernel.account;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.ids.TermsVersionId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An account was registered for the service (R4.1, T3.1) with the terms version consented to; the registration is valid until registrationExpiresAt (exclusive), a period taken from configuration and recorded here. */
@Revision("1")
public record AccountRegisteredEvent(
        AccountId accountId,
        CustomerId customerId,
        CustomerType customerType,
        AccountType accountType,
        boolean pinRegisteredCard,
        TermsVersionId termsVersion,
        String identityVerificationRef,
        ProviderId viaProviderId,
        Instant registeredAt,
        Instant registrationExpiresAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return registeredAt;
    }
}
