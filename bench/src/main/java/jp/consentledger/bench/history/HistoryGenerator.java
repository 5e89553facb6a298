package jp.consentledger.bench.history;

import jp.consentledger.bench.history.plan.EventKeys;
import jp.consentledger.bench.history.plan.HistoryPlan;
import jp.consentledger.bench.history.plan.HistoryPlanner;
import jp.consentledger.bench.history.plan.PlannedEvents;
import jp.consentledger.kernel.token.TokenHasher;

import java.time.Duration;
import java.time.Instant;

import static jp.consentledger.bench.history.plan.EventKeys.*;
import static jp.consentledger.bench.history.plan.HistoryIds.accountId;
import static jp.consentledger.bench.history.plan.HistoryIds.breachId;
import static jp.consentledger.bench.history.plan.HistoryIds.providerId;
import static jp.consentledger.bench.history.plan.HistoryIds.suspensionId;
import static jp.consentledger.bench.history.plan.HistoryIds.termsVersion;

/**
 * Builds a realistic ledger history in bulk: providers, terms versions, accounts with registrations
 * and renewals, linkages granted, amended, suspended, revoked (requested and confirmed, or at the
 * bank), expired and granted again, account suspensions and closures, breaches with disclosures,
 * and monthly service maintenance windows, over the 400 days before {@code now}.
 *
 * <p>Every aggregate's story is planned first as sortable keys (time, kind, subject: {@link HistoryPlanner});
 * sorting them gives one chronological stream, and each event is then built ({@link PlannedEvents}) and
 * handed to the sink with its aggregate's next sequence number and identifier (the typed ids'
 * {@code aggregateIdentifier()}: "account:..."), exactly as the command side would have appended it. The plain
 * tokens stay in the returned {@link GeneratedHistory}, in memory only.
 */
public final class HistoryGenerator {
    public static final int MAX_LINKAGES = EventKeys.MAX_SUBJECTS;

    /** The size of the history: how many linkages (tokens) are granted in it. */
    public record Shape(int linkages, long seed) {
        public Shape {
            if (linkages < 10 || linkages > MAX_LINKAGES) {
                throw new IllegalArgumentException("linkages must be between 10 and " + MAX_LINKAGES);
            }
        }
    }

    /** Where the events go: a database (see {@link JdbcEventSink}) or straight into a model. */
    public interface EventSink {
        void append(String aggregateType, String aggregateId, long sequenceNumber, Object event, Instant recordedAt);
    }

    private final Shape shape;
    private final TokenHasher hasher;
    private final Instant now;

    public HistoryGenerator(Shape shape, TokenHasher hasher, Instant now) {
        this.shape = shape;
        this.hasher = hasher;
        this.now = now;
    }

    /** Plans the whole history, then hands every event to the sink in global order. */
    public GeneratedHistory generate(EventSink target, Progress progress) {
        HistoryPlan plan = HistoryPlanner.plan(shape.linkages(), shape.seed(), now);
        PlannedEvents events = new PlannedEvents(plan, hasher);
        long salt = plan.idSalt();
        // How far an event's occurredAt may precede its recording (revocations requested earlier, breaches
        // detected earlier): "as of" filters by occurredAt, so an index's horizon lies this far behind it.
        long[] backdating = new long[1];
        EventSink sink = (type, id, sequence, event, recordedAt) -> {
            if (event instanceof jp.consentledger.kernel.event.LedgerEvent e) {
                backdating[0] = Math.max(backdating[0], recordedAt.toEpochMilli() - e.occurredAt().toEpochMilli());
            }
            target.append(type, id, sequence, event, recordedAt);
        };
        EventKeys keys = plan.keys();
        keys.sort();
        progress.start("events", keys.count());
        int[] accountSeq = new int[plan.accounts()];
        int[] providerSeq = new int[plan.providers()];
        int[] breachSeq = new int[plan.breaches()];
        int[] windowSeq = new int[plan.windows()];
        int[] counts = new int[KINDS];
        for (int k = 0; k < keys.count(); k++) {
            long key = keys.key(k);
            int kind = EventKeys.kind(key);
            int subject = EventKeys.subject(key);
            Instant at = plan.at(EventKeys.ms(key));
            counts[kind]++;
            switch (kind) {
                case TERMS_PUBLISHED -> sink.append("TermsVersion", termsVersion(subject).aggregateIdentifier(), 0, events.terms(subject, at), at);
                case PROVIDER_REGISTERED, PROVIDER_SUSPENDED, PROVIDER_REINSTATED ->
                        sink.append("Provider", providerId(subject).aggregateIdentifier(), providerSeq[subject]++, events.providerEvent(kind, subject, at), at);
                case BREACH_REPORTED, DISCLOSURE_RECORDED, BREACH_RESOLVED ->
                        sink.append("Breach", breachId(salt, subject).aggregateIdentifier(), breachSeq[subject]++, events.breachEvent(kind, subject, breachSeq[subject], at), at);
                case WINDOW_DECLARED, WINDOW_LIFTED ->
                        sink.append("ServiceSuspension", suspensionId(salt, subject).aggregateIdentifier(), windowSeq[subject]++, events.windowEvent(kind, subject, at), at);
                case ACCOUNT_REGISTERED, REGISTRATION_RENEWED, ACCOUNT_SUSPENDED, ACCOUNT_RESUMED, ACCOUNT_CLOSED ->
                        sink.append("Account", accountId(subject).aggregateIdentifier(), accountSeq[subject]++, events.accountEvent(kind, subject, at), at);
                default -> {
                    int account = plan.accountOf(subject);
                    sink.append("Account", accountId(account).aggregateIdentifier(), accountSeq[account]++, events.linkageEvent(kind, subject, at), at);
                }
            }
            progress.advance(1);
        }
        progress.done();
        long revoked = (long) counts[REVOCATION_CONFIRMED] + counts[REVOKED_AT_BANK];
        GeneratedHistory.Counts summary = new GeneratedHistory.Counts(keys.count(), plan.providers(), plan.accounts(),
                plan.linkages(), counts[REGISTRATION_RENEWED], counts[LINKAGE_AMENDED], counts[REVOCATION_REQUESTED], revoked,
                counts[LINKAGE_EXPIRED], counts[LINKAGE_SUSPENDED], counts[ACCOUNT_CLOSED], plan.breaches(), plan.windows());
        return new GeneratedHistory(summary, plan.now(), salt, plan.tokens(), plan.expected(), plan.finalScopes(),
                plan.linkageAccounts(), plan.grantedAtEpochMs(), termsVersion(2), Duration.ofMillis(backdating[0]));
    }
}
