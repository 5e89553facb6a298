package jp.consentledger.kernel.service;

import jp.consentledger.kernel.common.LedgerEvent;
import jp.consentledger.kernel.common.ProviderId;
import jp.consentledger.kernel.common.SuspensionId;
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
