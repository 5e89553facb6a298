package jp.consentledger.bench.inprocess;

import jp.consentledger.bench.history.GeneratedHistory;
import jp.consentledger.bench.history.HistoryGenerator;
import jp.consentledger.bench.history.Progress;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.token.TokenHasher;
import jp.consentledger.validity.ConsentFacts;
import jp.consentledger.validity.TokenVerdict;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The query side's hot path without HTTP: the keyed hash of a presented token, then
 * {@link ConsentFacts#check} against a model folded from a generated history of {@code linkages}
 * tokens. Tokens are drawn from a large random sample of valid ones, so lookups miss the CPU caches
 * as they would on a busy node. The two ceilings beside it: the HMAC alone, and a bare concurrent
 * hash-map lookup of the same keys.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenCheckBenchmark {
    private static final int SAMPLE = 1 << 16;
    private static final int MASK = SAMPLE - 1;

    @Param("1000000")
    public int linkages;

    private ConsentFacts facts;
    private TokenHasher hasher;
    private final ConcurrentHashMap<TokenHash, Integer> bareMap = new ConcurrentHashMap<>();
    private final String[] tokens = new String[SAMPLE];
    private final TokenHash[] hashes = new TokenHash[SAMPLE];
    private final Scope[] scopes = new Scope[SAMPLE];
    private Instant now;
    private int next;

    @Setup
    public void foldHistory() {
        hasher = new TokenHasher("jmh-benchmark-secret-0123456789abcdef012345".getBytes(StandardCharsets.UTF_8));
        facts = new ConsentFacts();
        now = Instant.now();
        GeneratedHistory history = new HistoryGenerator(new HistoryGenerator.Shape(linkages, 1), hasher, now)
                .generate((type, id, sequence, event, recordedAt) -> facts.apply(event), Progress.silent());
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < SAMPLE; i++) {
            int linkage = history.randomLive(random);
            tokens[i] = history.token(linkage);
            hashes[i] = hasher.hash(tokens[i]);
            scopes[i] = history.grantedScope(linkage);
            if (!facts.check(hashes[i], scopes[i], now).valid()) {
                throw new IllegalStateException("the generated history's live token " + linkage + " does not check valid");
            }
        }
        for (int i = 0; i < history.linkages(); i++) {
            bareMap.put(hasher.hash(history.token(i)), i);
        }
    }

    @Benchmark
    public TokenVerdict hashAndCheck() {
        int i = next++ & MASK;
        return facts.check(hasher.hash(tokens[i]), scopes[i], now);
    }

    @Benchmark
    public TokenVerdict checkOnly() {
        int i = next++ & MASK;
        return facts.check(hashes[i], scopes[i], now);
    }

    @Benchmark
    public TokenHash hmacOnly() {
        return hasher.hash(tokens[next++ & MASK]);
    }

    @Benchmark
    public Integer bareMapLookup() {
        return bareMap.get(hashes[next++ & MASK]);
    }
}
