package jp.consentledger.kernel.event;

import java.time.Instant;

/**
 * Every ledger event names the moment the fact took effect. The moment the bank recorded it is the
 * event message's own timestamp; the two differ where DOMAIN.md says they can (a customer's
 * revocation request, a breach's detection).
 */
public interface LedgerEvent {
    Instant occurredAt();
}
