package jp.consentledger.command;

import jp.consentledger.command.account.Account;
import jp.consentledger.command.provider.Provider;
import jp.consentledger.command.provider.ProviderDirectory;
import jp.consentledger.command.service.ServiceSuspension;
import jp.consentledger.command.terms.TermsCatalogue;
import jp.consentledger.command.terms.TermsVersion;
import jp.consentledger.kernel.provider.ProviderCredentialId;
import jp.consentledger.kernel.account.AccountCommands.CloseAccount;
import jp.consentledger.kernel.account.AccountCommands.RegisterAccount;
import jp.consentledger.kernel.account.AccountCommands.RenewRegistration;
import jp.consentledger.kernel.account.AccountCommands.ResumeAccount;
import jp.consentledger.kernel.account.AccountCommands.SuspendAccount;
import jp.consentledger.kernel.account.AccountType;
import jp.consentledger.kernel.account.CustomerType;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.refusal.Refusal;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.ids.SuspensionId;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.token.TokenHasher;
import jp.consentledger.kernel.linkage.GrantDecision;
import jp.consentledger.kernel.linkage.LinkageCommands.AmendLinkage;
import jp.consentledger.kernel.linkage.LinkageCommands.ConfirmRevocation;
import jp.consentledger.kernel.linkage.LinkageCommands.GrantLinkage;
import jp.consentledger.kernel.linkage.LinkageCommands.RequestRevocation;
import jp.consentledger.kernel.linkage.LinkageCommands.ResumeLinkage;
import jp.consentledger.kernel.linkage.LinkageCommands.RevokeAtBank;
import jp.consentledger.kernel.linkage.LinkageCommands.SuspendLinkage;
import jp.consentledger.kernel.provider.ProviderCommands.RegisterProvider;
import jp.consentledger.kernel.provider.ProviderCommands.ReinstateProvider;
import jp.consentledger.kernel.provider.ProviderCommands.SuspendProvider;
import jp.consentledger.kernel.provider.ProviderCommands.TerminateProvider;
import jp.consentledger.kernel.provider.ProviderStatus;
import jp.consentledger.kernel.service.ServiceSuspensionCommands.DeclareServiceSuspension;
import jp.consentledger.kernel.terms.PublishTermsVersion;
import jp.consentledger.validity.ConsentFacts;
import jp.consentledger.validity.TokenVerdict;
import jp.consentledger.validity.ValidityReason;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's property: random histories of commands with random clock advances run through the real
 * aggregates (Axon without Spring, in-memory event store), their events folded into
 * {@link ConsentFacts}, and at random instants every token check compared with a reference model of
 * DOMAIN.md's invariant written here, independently of {@code TokenValidityRule}:
 *
 * <blockquote>valid at t for scope s exactly when, at t, the linkage is granted and not
 * revoked-and-confirmed, not suspended, not expired; the registration has not lapsed; the account
 * is open and not suspended; the provider is active; no service suspension covers it; s is in its
 * scopes.</blockquote>
 *
 * <p>The model collects every condition that fails; valid means none fails (compared always). The
 * reason named is the first failing one in this precedence, the most lasting first: REVOKED,
 * ACCOUNT_CLOSED, EXPIRED, REGISTRATION_LAPSED, PROVIDER_SUSPENDED, ACCOUNT_SUSPENDED, SUSPENDED,
 * SERVICE_SUSPENDED ("unavailable" only when nothing else is wrong), SCOPE_NOT_GRANTED (compared
 * always too). Checks are made at instants from now on (facts recorded later cannot be asked about
 * earlier), including the milliseconds either side of every expiry, lapse and window edge.
 *
 * <p>The model also predicts whether each grant and each account registration is accepted (R1.2,
 * R2.2, R4.1, R4.2, R5.2, R7.3), and the aggregates must agree.
 */
class TokenValidityProperties {
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration REGISTRATION_VALIDITY = Duration.ofDays(10);
    private static final Duration LINKAGE_VALIDITY = Duration.ofDays(4);
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final TermsVersionId TERMS = new TermsVersionId("v1");
    private static final TokenHasher HASHER = new TokenHasher("property-test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final AtomicLong IDS = new AtomicLong();
    private static final InMemoryLookups LOOKUPS = new InMemoryLookups();
    /** The fold of the current try's events; each try starts a new one (ids never repeat across tries). */
    private static volatile ConsentFacts facts = new ConsentFacts();
    private static final FreshPerTry STORAGE = new FreshPerTry();
    private static Configuration axon;

    /** One random step: what to do, two picks among the things that exist, and an amount of time. */
    record Step(int action, int a, int b, long millis) {
    }

    @BeforeContainer
    static void startAxon() {
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> STORAGE)
                .registerComponent(ProviderDirectory.class, c -> LOOKUPS)
                .registerComponent(TermsCatalogue.class, c -> LOOKUPS)
                // Deadlines are held, never fired: they only record ends, and validity must not wait for them (R4.3).
                .registerComponent(DeadlineManager.class, c -> new StubDeadlineManager())
                .configureAggregate(Provider.class)
                .configureAggregate(TermsVersion.class)
                .configureAggregate(Account.class)
                .configureAggregate(ServiceSuspension.class)
                .buildConfiguration();
        axon.start();
        // Subscribed to the bus, so both folds see each event as it is published, like the command side's lookups.
        axon.eventBus().subscribe(events -> events.forEach(event -> {
            LOOKUPS.apply(event.getPayload());
            facts.apply(event.getPayload());
        }));
        axon.commandGateway().sendAndWait(new PublishTermsVersion(TERMS, START.minus(Duration.ofDays(30)),
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", START.minus(Duration.ofDays(31))));
    }

    @AfterContainer
    static void stopAxon() {
        axon.shutdown();
    }

    @Property(tries = 2000)
    void everyTokenCheckEqualsTheReferenceModel(@ForAll("histories") List<Step> steps) {
        STORAGE.reset();
        facts = new ConsentFacts();
        History history = new History(axon.commandGateway());
        for (Step step : steps) {
            history.run(step);
        }
        history.checkEverything(history.now);
        // Which answers this history reached; across all tries, every answer must have been reached.
        history.reasonsSeen.forEach(reason -> Statistics.label("reason").collect(reason));
        Statistics.label("reason").coverage(coverage -> {
            for (ValidityReason reason : ValidityReason.values()) {
                coverage.check(reason).count(count -> count > 0);
            }
        });
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.longs().between(0, 3 * DAY)).as(Step::new);
        return step.list().ofMinSize(10).ofMaxSize(70);
    }

    // ---- the reference model ----------------------------------------------------------------------

    private static final class ModelAccount {
        final String id;
        Instant registrationExpiresAt;
        boolean closed;
        boolean suspended;

        ModelAccount(String id, Instant registrationExpiresAt) {
            this.id = id;
            this.registrationExpiresAt = registrationExpiresAt;
        }
    }

    private static final class ModelLinkage {
        final String id;
        final ModelAccount account;
        final String provider;
        final TokenHash tokenHash;
        final Instant grantedAt;
        final Instant expiresAt;
        Set<Scope> scopes;
        boolean revocationRequested;
        Instant revokedAt;
        boolean suspended;

        ModelLinkage(String id, ModelAccount account, String provider, TokenHash tokenHash, Set<Scope> scopes,
                     Instant grantedAt, Instant expiresAt) {
            this.id = id;
            this.account = account;
            this.provider = provider;
            this.tokenHash = tokenHash;
            this.scopes = scopes;
            this.grantedAt = grantedAt;
            this.expiresAt = expiresAt;
        }
    }

    private record ModelWindow(Instant from, Instant until, String provider) {
    }

    private static final List<ValidityReason> PRECEDENCE = List.of(ValidityReason.REVOKED, ValidityReason.ACCOUNT_CLOSED,
            ValidityReason.EXPIRED, ValidityReason.REGISTRATION_LAPSED, ValidityReason.PROVIDER_SUSPENDED,
            ValidityReason.ACCOUNT_SUSPENDED, ValidityReason.SUSPENDED, ValidityReason.SERVICE_SUSPENDED,
            ValidityReason.SCOPE_NOT_GRANTED);

    /** One history: the commands sent to the aggregates, and the model's own record of what they did. */
    private static final class History {
        private final CommandGateway commands;
        private final Map<String, ProviderStatus> providers = new LinkedHashMap<>();
        private final List<ModelAccount> accounts = new ArrayList<>();
        private final List<ModelLinkage> linkages = new ArrayList<>();
        private final List<ModelWindow> windows = new ArrayList<>();
        private final Set<ValidityReason> reasonsSeen = EnumSet.noneOf(ValidityReason.class);
        private Instant now = START;

        History(CommandGateway commands) {
            this.commands = commands;
            registerProvider();
            registerProvider();
            registerAccount(0, 1);
            registerAccount(1, 1);
        }

        void run(Step step) {
            int action = step.action();
            if (action < 6) {
                registerProvider();
            } else if (action < 14) {
                registerAccount(step.a(), step.b());
            } else if (action < 28) {
                grant(step.a(), step.b());
            } else if (action < 33) {
                linkage(step.a()).ifPresent(l -> {
                    Instant requestedAt = later(l.grantedAt, now.minusMillis(step.millis() % HOUR));
                    if (accepted(new RequestRevocation(accountId(l), linkageId(l), requestedAt, now))) {
                        l.revocationRequested = true;
                    }
                });
            } else if (action < 38) {
                linkage(step.a()).ifPresent(l -> {
                    if (accepted(new ConfirmRevocation(accountId(l), linkageId(l), now)) && l.revokedAt == null) {
                        l.revokedAt = now;
                    }
                });
            } else if (action < 41) {
                linkage(step.a()).ifPresent(l -> {
                    if (accepted(new RevokeAtBank(accountId(l), linkageId(l), "customer asked the bank", now))) {
                        l.revokedAt = now;
                    }
                });
            } else if (action < 46) {
                linkage(step.a()).ifPresent(l -> {
                    if (accepted(new SuspendLinkage(accountId(l), linkageId(l), "suspicious", null, now))) {
                        l.suspended = true;
                    }
                });
            } else if (action < 50) {
                linkage(step.a()).ifPresent(l -> {
                    if (accepted(new ResumeLinkage(accountId(l), linkageId(l), now))) {
                        l.suspended = false;
                    }
                });
            } else if (action < 53) {
                account(step.a()).ifPresent(a -> {
                    if (accepted(new SuspendAccount(new AccountId(a.id), "seizure", now))) {
                        a.suspended = true;
                    }
                });
            } else if (action < 56) {
                account(step.a()).ifPresent(a -> {
                    if (accepted(new ResumeAccount(new AccountId(a.id), now))) {
                        a.suspended = false;
                    }
                });
            } else if (action < 58) {
                account(step.a()).ifPresent(a -> {
                    if (accepted(new CloseAccount(new AccountId(a.id), "closed at the branch", now))) {
                        a.closed = true;
                    }
                });
            } else if (action < 61) {
                provider(step.a()).ifPresent(p -> {
                    if (accepted(new SuspendProvider(new ProviderId(p), "audit", now))) {
                        providers.put(p, ProviderStatus.SUSPENDED);
                    }
                });
            } else if (action < 64) {
                provider(step.a()).ifPresent(p -> {
                    if (accepted(new ReinstateProvider(new ProviderId(p), now))) {
                        providers.put(p, ProviderStatus.ACTIVE);
                    }
                });
            } else if (action < 65) {
                provider(step.a()).ifPresent(p -> {
                    if (accepted(new TerminateProvider(new ProviderId(p), "contract ended", now))) {
                        providers.put(p, ProviderStatus.TERMINATED);
                    }
                });
            } else if (action < 69) {
                account(step.a()).ifPresent(a -> {
                    Instant until = now.plus(REGISTRATION_VALIDITY);
                    if (accepted(new RenewRegistration(new AccountId(a.id), TERMS, "ekyc-renewal", now, until))) {
                        a.registrationExpiresAt = until;
                    }
                });
            } else if (action < 73) {
                declareWindow(step);
            } else if (action < 77) {
                linkage(step.a()).ifPresent(l -> {
                    Set<Scope> scopes = scopes(step.b());
                    if (accepted(new AmendLinkage(accountId(l), linkageId(l), scopes, null, now))) {
                        l.scopes = scopes;
                    }
                });
            } else if (action < 89) {
                advance(step);
            } else {
                checkEverything(instantToCheck(step));
            }
        }

        // ---- commands whose acceptance the model predicts ----------------------------------------

        private void registerProvider() {
            String id = "p" + IDS.incrementAndGet();
            commands.sendAndWait(new RegisterProvider(new ProviderId(id), "Provider " + id, new ProviderCredentialId("cred-1"), now));
            providers.put(id, ProviderStatus.ACTIVE);
        }

        private void registerAccount(int providerPick, int kind) {
            String id = "a" + IDS.incrementAndGet();
            String via = pick(new ArrayList<>(providers.keySet()), providerPick);
            boolean individual = kind % 2 == 0;
            boolean pinCard = kind % 7 != 0;
            boolean expected = (!individual || pinCard) && providers.get(via) == ProviderStatus.ACTIVE;
            boolean accepted = accepted(new RegisterAccount(new AccountId(id), new CustomerId("c" + id),
                    individual ? CustomerType.INDIVIDUAL : CustomerType.CORPORATE,
                    AccountType.values()[kind % AccountType.values().length], pinCard, TERMS, "ekyc-" + id,
                    new ProviderId(via), now, now.plus(REGISTRATION_VALIDITY)));
            assertThat(accepted).as("registration of an %s account, card %s, via a %s provider",
                    individual ? "individual's" : "corporate", pinCard, providers.get(via)).isEqualTo(expected);
            if (accepted) {
                accounts.add(new ModelAccount(id, now.plus(REGISTRATION_VALIDITY)));
            }
        }

        private void grant(int accountPick, int providerPick) {
            ModelAccount account = pick(accounts, accountPick);
            String provider = pick(new ArrayList<>(providers.keySet()), providerPick);
            boolean liveAlready = linkages.stream().anyMatch(l -> l.account == account && l.provider.equals(provider)
                    && l.revokedAt == null && now.isBefore(l.expiresAt));
            boolean expected = !account.closed && !account.suspended && now.isBefore(account.registrationExpiresAt)
                    && providers.get(provider) == ProviderStatus.ACTIVE && !liveAlready;

            String id = "lnk-" + IDS.incrementAndGet();
            TokenHash tokenHash = HASHER.hash("token-" + id);
            Set<Scope> scopes = scopes(accountPick + providerPick);
            boolean accepted;
            try {
                GrantDecision decision = commands.sendAndWait(new GrantLinkage(new AccountId(account.id), new LinkageId(id),
                        new ProviderId(provider), scopes, List.of(), tokenHash, now, now.plus(LINKAGE_VALIDITY)));
                accepted = decision.refusal() == null;
            } catch (Refusal refusal) {
                accepted = false;
            }
            assertThat(accepted).as("grant to a %s provider on an account closed=%s suspended=%s lapsed=%s, live already=%s",
                    providers.get(provider), account.closed, account.suspended,
                    !now.isBefore(account.registrationExpiresAt), liveAlready).isEqualTo(expected);
            if (accepted) {
                linkages.add(new ModelLinkage(id, account, provider, tokenHash, scopes, now, now.plus(LINKAGE_VALIDITY)));
            }
        }

        private void declareWindow(Step step) {
            Instant from = now.minusMillis(HOUR).plusMillis(step.millis() % (2 * DAY));
            Instant until = from.plusMillis(HOUR + 1 + (step.a() * 997L) % DAY);
            String provider = step.b() % 3 == 0 ? null : pick(new ArrayList<>(providers.keySet()), step.b());
            boolean accepted = accepted(new DeclareServiceSuspension(SuspensionId.newId(UUID.randomUUID()), from, until,
                    provider == null ? null : new ProviderId(provider), "maintenance", now));
            assertThat(accepted).as("a window ending after now for a registered provider").isTrue();
            windows.add(new ModelWindow(from, until, provider));
        }

        // ---- time ---------------------------------------------------------------------------------

        private void advance(Step step) {
            switch (step.a() % 4) {
                case 0 -> now = now.plusMillis(1 + step.millis() % 1000);
                case 1 -> now = now.plusMillis(1 + step.millis() % (3 * HOUR));
                case 2 -> now = now.plusMillis(1 + step.millis());
                default -> now = nearBoundary(step.b(), step.a()).orElse(now.plusMillis(1));
            }
        }

        /** An instant at or after now: now, just around an expiry, lapse or window edge, or later still. */
        private Instant instantToCheck(Step step) {
            return switch (step.b() % 3) {
                case 0 -> now;
                case 1 -> nearBoundary(step.a(), step.b()).orElse(now);
                default -> now.plusMillis(step.millis() % (2 * DAY));
            };
        }

        /** One of the instants where validity can change, or the millisecond before or after it, if not past. */
        private Optional<Instant> nearBoundary(int pick, int offsetPick) {
            TreeMap<Instant, Boolean> boundaries = new TreeMap<>();
            linkages.forEach(l -> boundaries.put(l.expiresAt, true));
            accounts.forEach(a -> boundaries.put(a.registrationExpiresAt, true));
            windows.forEach(w -> {
                boundaries.put(w.from(), true);
                boundaries.put(w.until(), true);
            });
            List<Instant> ahead = new ArrayList<>(boundaries.tailMap(now, true).keySet());
            if (ahead.isEmpty()) {
                return Optional.empty();
            }
            Instant boundary = pick(ahead, pick).plusMillis(offsetPick % 3 - 1);
            return Optional.of(boundary.isBefore(now) ? now : boundary);
        }

        // ---- the comparison ----------------------------------------------------------------------

        void checkEverything(Instant at) {
            for (ModelLinkage linkage : linkages) {
                for (Scope scope : Scope.values()) {
                    ValidityReason expected = expected(linkage, scope, at);
                    TokenVerdict actual = facts.check(linkage.tokenHash, scope, at);
                    if (actual.valid() != (expected == ValidityReason.VALID) || actual.reason() != expected) {
                        throw new AssertionError("check of " + linkage.id + " for " + scope + " at " + at + " (now " + now
                                + "): expected " + expected + " but the ledger answered " + actual.reason()
                                + " valid=" + actual.valid());
                    }
                    reasonsSeen.add(expected);
                }
            }
            TokenVerdict unknown = facts.check(HASHER.hash("never-issued-" + at), Scope.BALANCE, at);
            assertThat(unknown.reason()).isEqualTo(ValidityReason.UNKNOWN_TOKEN);
            assertThat(unknown.valid()).isFalse();
            assertThat(unknown.linkage()).isNull();
            reasonsSeen.add(ValidityReason.UNKNOWN_TOKEN);
        }

        /** DOMAIN.md's invariant: every condition that fails at {@code at}; none failing is VALID. */
        private ValidityReason expected(ModelLinkage linkage, Scope scope, Instant at) {
            ModelAccount account = linkage.account;
            Set<ValidityReason> failing = EnumSet.noneOf(ValidityReason.class);
            if (linkage.revokedAt != null && !at.isBefore(linkage.revokedAt)) {
                failing.add(ValidityReason.REVOKED);
            }
            if (linkage.suspended) {
                failing.add(ValidityReason.SUSPENDED);
            }
            if (!at.isBefore(linkage.expiresAt)) {
                failing.add(ValidityReason.EXPIRED);
            }
            if (!at.isBefore(account.registrationExpiresAt)) {
                failing.add(ValidityReason.REGISTRATION_LAPSED);
            }
            if (account.closed) {
                failing.add(ValidityReason.ACCOUNT_CLOSED);
            }
            if (account.suspended) {
                failing.add(ValidityReason.ACCOUNT_SUSPENDED);
            }
            if (providers.get(linkage.provider) != ProviderStatus.ACTIVE) {
                failing.add(ValidityReason.PROVIDER_SUSPENDED);
            }
            for (ModelWindow window : windows) {
                boolean forThisProvider = window.provider() == null || window.provider().equals(linkage.provider);
                if (forThisProvider && !at.isBefore(window.from()) && at.isBefore(window.until())) {
                    failing.add(ValidityReason.SERVICE_SUSPENDED);
                }
            }
            if (!linkage.scopes.contains(scope)) {
                failing.add(ValidityReason.SCOPE_NOT_GRANTED);
            }
            return PRECEDENCE.stream().filter(failing::contains).findFirst().orElse(ValidityReason.VALID);
        }

        // ---- helpers ------------------------------------------------------------------------------

        /** Sends a command: true when it was carried out (or was a no-op), false when it was refused. */
        private boolean accepted(Object command) {
            try {
                commands.sendAndWait(command);
                return true;
            } catch (Refusal refusal) {
                return false;
            }
        }

        private Optional<ModelLinkage> linkage(int pick) {
            return linkages.isEmpty() ? Optional.empty() : Optional.of(pick(linkages, pick));
        }

        private Optional<ModelAccount> account(int pick) {
            return accounts.isEmpty() ? Optional.empty() : Optional.of(pick(accounts, pick));
        }

        private Optional<String> provider(int pick) {
            return Optional.of(pick(new ArrayList<>(providers.keySet()), pick));
        }

        private static AccountId accountId(ModelLinkage linkage) {
            return new AccountId(linkage.account.id);
        }

        private static LinkageId linkageId(ModelLinkage linkage) {
            return new LinkageId(linkage.id);
        }

        private static Set<Scope> scopes(int pick) {
            return switch (pick % 3) {
                case 0 -> Set.of(Scope.BALANCE);
                case 1 -> Set.of(Scope.TRANSACTIONS);
                default -> Set.of(Scope.BALANCE, Scope.TRANSACTIONS);
            };
        }

        private static Instant later(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }

        private static <T> T pick(List<T> items, int pick) {
            return items.get(Math.floorMod(pick, items.size()));
        }
    }

    /**
     * The in-memory engine scans every event to load one aggregate, so each try gets an empty one and
     * stays as fast as the first. (The lookups keep what earlier tries recorded; ids never repeat.)
     */
    static final class FreshPerTry implements EventStorageEngine {
        private volatile InMemoryEventStorageEngine events = new InMemoryEventStorageEngine();

        void reset() {
            events = new InMemoryEventStorageEngine();
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> messages) {
            events.appendEvents(messages);
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            events.storeSnapshot(snapshot);
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
            return events.readEvents(token, mayBlock);
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            return events.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            return events.readSnapshot(aggregateIdentifier);
        }

        @Override
        public TrackingToken createTailToken() {
            return events.createTailToken();
        }

        @Override
        public TrackingToken createHeadToken() {
            return events.createHeadToken();
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            return events.createTokenAt(dateTime);
        }
    }
}
