package jp.consentledger.query.infrastructure;

import java.time.Instant;

/** How current an answer is (R6, T5): the instant it speaks of and the last event position it reflects. */
public record AsOf(Instant at, long eventPosition) {
}
