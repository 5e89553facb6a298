package jp.consentledger.kernel.service;

import jp.consentledger.kernel.event.LedgerEvent;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.ids.SuspensionId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The bank declared the service unavailable in [from, until), for providerId or, when null, for all providers. */
@Revision("1")
public record ServiceSuspensionDeclaredEvent(
        SuspensionId suspensionId,
        Instant from,
        Instant until,
        ProviderId providerId,
        String reason,
        Instant declaredAt
) implements LedgerEvent {
    @Override
    public Instant occurredAt() {
        return declaredAt;
    }
}
