package jp.consentledger.query;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jp.consentledger.query.audit.integrity.keys.SigningKeysProperties;
import jp.consentledger.query.role.NodeRole;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.ZoneOffset;

/**
 * The query side's settings under {@code ledger.*}, read in one place, with their defaults (application.yml sets
 * the embedded default's values; docs/query-side.md). The security settings ({@code ledger.security.*},
 * {@code ledger.http.*}) belong to web-support's own properties.
 *
 * @param role what this node serves: full (every read model and endpoint) or gateway (token checks only, from
 * the in-memory token-validity model); env LEDGER_ROLE. Read before the beans exist (NodeRole), so that a gateway
 * node never creates the full node's beans.
 * @param dataDir the folder of the embedded default's store (its connection and the H2 files)
 * @param displayOffset the UTC offset the console shows and reads instants in, e.g. +09:00
 * @param eventStore how the processors read the event store
 * @param tokenValidity the in-memory token-validity model's snapshots
 * @param tokenCheck the token check's read-your-writes wait
 * @param segmentBalancer how the linkage directory's segments are shared between full nodes
 * @param audit the signed Merkle log: checkpoints, settling, signing keys
 * @param commandSide where a full node checks a provider's secret and sends the console's operator actions
 * @param token the token-hashing secret shared with the command side
 */
@ConfigurationProperties("ledger")
@Validated
public record QuerySideProperties(@DefaultValue("full") NodeRole role,
                                  @DefaultValue("./data") String dataDir,
                                  @DefaultValue("+09:00") String displayOffset,
                                  @Valid @DefaultValue EventStore eventStore,
                                  @Valid @DefaultValue TokenValidity tokenValidity,
                                  @Valid @DefaultValue TokenCheck tokenCheck,
                                  @Valid @DefaultValue SegmentBalancer segmentBalancer,
                                  @Valid @DefaultValue Audit audit,
                                  @Valid @DefaultValue CommandSide commandSide,
                                  @Valid @DefaultValue Token token) {
    public QuerySideProperties {
        displayZone(displayOffset); // an offset that does not parse fails startup, as it always has
    }

    /** {@link #displayOffset} as an offset. */
    public ZoneOffset displayZone() {
        return displayZone(displayOffset);
    }

    private static ZoneOffset displayZone(String offset) {
        return ZoneOffset.of(offset);
    }

    /** @param fetchDelay how long a processor waits before asking the store again when it has read everything */
    public record EventStore(@NotNull @DefaultValue("PT0.01S") Duration fetchDelay) {
    }

    /**
     * @param snapshotInterval how often a full node saves the token-validity model; a starting node loads the
     * latest snapshot and reads only the events after it
     */
    public record TokenValidity(@NotNull @DefaultValue("PT5M") Duration snapshotInterval) {
    }

    /**
     * @param minPositionWait how long a check given minPosition waits for this node's model to read that event
     * before answering 503
     */
    public record TokenCheck(@NotNull @DefaultValue("PT1S") Duration minPositionWait) {
    }

    /** @param interval how often a full node announces itself and recomputes its fair share of segments */
    public record SegmentBalancer(@NotNull @DefaultValue("PT1S") Duration interval) {
    }

    /**
     * @param checkpointInterval how often a signed checkpoint of the Merkle log is made (also on demand)
     * @param settleDelay how long the log waits for a gap in the global index to be filled by a transaction in
     * flight before it passes it
     * @param signing the checkpoint key pair and the retired keys' public halves
     */
    public record Audit(@NotNull @DefaultValue("PT1M") Duration checkpointInterval,
                        @NotNull @DefaultValue("PT10S") Duration settleDelay,
                        @NestedConfigurationProperty @DefaultValue SigningKeysProperties signing) {
    }

    /**
     * @param url the command side's base URL (any command node, or their balancer)
     * @param timeout how long a call to the command side may take
     */
    public record CommandSide(String url, @NotNull @DefaultValue("PT5S") Duration timeout) {
    }

    /** @param hmacSecret the secret tokens are hashed under (HMAC-SHA-256); the same on both sides */
    public record Token(@NotNull String hmacSecret) {
    }
}
