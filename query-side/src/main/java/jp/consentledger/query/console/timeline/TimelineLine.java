package jp.consentledger.query.console.timeline;

import java.time.Instant;

/**
 * One event as the timeline shows it: both clocks, who did it, the terms version in force when it happened,
 * where it sits in the log and its hash link; {@code mark} flags breaches and service suspensions.
 *
 * @param actor     a message key ({@code actor.bank}, {@code actor.provider}, ...), {@code actorName} its argument
 * @param linkageId the linkage it concerns, if any, so an account's timeline can open that linkage's "as of"
 */
public record TimelineLine(long position, String eventId, String type, Instant occurredAt, Instant recordedAt,
                           String actor, String actorName, String termsInForce, String hash, String previousHash,
                           Mark mark, String linkageId, String payload) {

    public enum Mark { BREACH, SERVICE_SUSPENSION }

    public boolean breach() {
        return mark == Mark.BREACH;
    }

    public boolean serviceSuspension() {
        return mark == Mark.SERVICE_SUSPENSION;
    }
}
