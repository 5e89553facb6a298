package jp.consentledger.kernel.account;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.TermsVersionId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The registration was renewed, with consent to termsVersion, until registrationExpiresAt (exclusive). */
@Revision("1")
public record RegistrationRenewedEvent(
        AccountId accountId,
        TermsVersionId termsVersion,
        String identityVerificationRef,
        Instant renewedAt,
        Instant registrationExpiresAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return renewedAt;
    }
}
