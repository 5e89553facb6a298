package jp.consentledger.query.audit;

import jp.consentledger.kernel.audit.EventChain;
import org.axonframework.common.DateTimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


/**
 * The global event order folded into an RFC 9162 Merkle tree, with signed checkpoints (tree heads),
 * stored in the query side's schema. A checkpoint is made periodically and on demand; it appends the
 * events written since the last one as leaves, after checking each one's chain link, so the ledger never
 * signs a tampered row.
 *
 * <p>Events commit out of global-index order across transactions: a gap in the index may still be filled
 * by a transaction in flight. The log stops before a gap until the event after it is older than the
 * settle delay (Axon's gap timeout plays the same role for the processors).
 */
@Component
public class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final JdbcClient jdbc;
    private final EventRows events;
    private final CheckpointSigner signer;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration settleDelay;

    public record Checkpoint(long treeSize, long lastGlobalIndex, String rootHash, String signedAt, String keyId,
                             String signature) {
    }

    public AuditLog(JdbcClient jdbc, EventRows events, CheckpointSigner signer, TransactionTemplate transactions,
                    Clock clock, @Value("${ledger.audit.settle-delay:PT10S}") Duration settleDelay) {
        this.jdbc = jdbc;
        this.events = events;
        this.signer = signer;
        this.transactions = transactions;
        this.clock = clock;
        this.settleDelay = settleDelay;
    }

    /** Thrown when a row to be checkpointed does not link; the verification names where. */
    public static class UnlinkedEventException extends RuntimeException {
        UnlinkedEventException(long globalIndex) {
            super("The event at position " + globalIndex + " does not link into its hash chain; no checkpoint was"
                    + " signed. Run the verification.", null, false, false);
        }
    }

    @Scheduled(initialDelayString = "${ledger.audit.checkpoint-interval:PT1M}",
            fixedDelayString = "${ledger.audit.checkpoint-interval:PT1M}")
    void periodically() {
        try {
            checkpoint();
        } catch (DuplicateKeyException e) {
            log.info("Another query node extended the log at the same moment; the next run continues from there");
        } catch (RuntimeException e) {
            log.error("Periodic checkpoint failed", e);
        }
    }

    /** Appends the settled new events and signs a checkpoint over the whole log (or returns the latest if nothing is new). */
    public synchronized Checkpoint checkpoint() {
        return transactions.execute(status -> {
            long size = size();
            long appended = appendNewLeaves(size);
            Optional<Checkpoint> latest = latest();
            if (appended == 0 && latest.isPresent() && latest.get().treeSize() == size) {
                return latest.get();
            }
            long newSize = size + appended;
            if (newSize == 0) {
                return latest.orElse(null);
            }
            String root = MerkleLog.hex(MerkleLog.rootOf(this::node, 0, newSize));
            long lastGlobalIndex = jdbc.sql("SELECT global_index FROM read_model.audit_log_leaf WHERE leaf_index = ?")
                    .param(newSize - 1).query(Long.class).single();
            String signedAt = DateTimeUtils.formatInstant(clock.instant());
            String signature = Base64.getEncoder().encodeToString(signer.sign(
                    CheckpointSigner.statement(newSize, root, lastGlobalIndex, signedAt, signer.keyId())));
            jdbc.sql("INSERT INTO read_model.audit_log_checkpoint (tree_size, last_global_index, root_hash, signed_at,"
                            + " key_id, signature) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(newSize, lastGlobalIndex, root, signedAt, signer.keyId(), signature).update();
            return new Checkpoint(newSize, lastGlobalIndex, root, signedAt, signer.keyId(), signature);
        });
    }

    private long appendNewLeaves(long size) {
        long lastGlobalIndex = size == 0 ? Long.MIN_VALUE
                : jdbc.sql("SELECT global_index FROM read_model.audit_log_leaf WHERE leaf_index = ?")
                .param(size - 1).query(Long.class).single();
        Instant settledBefore = clock.instant().minus(settleDelay);
        Map<String, byte[]> pending = new HashMap<>(); // nodes written in this batch, by level:index
        long[] appended = {0};
        long[] previousIndex = {lastGlobalIndex};
        events.forEachAfter(lastGlobalIndex, row -> {
            boolean gap = previousIndex[0] != Long.MIN_VALUE && row.globalIndex() != previousIndex[0] + 1;
            if (gap && DateTimeUtils.parseInstant(row.event().timeStamp()).isAfter(settledBefore)) {
                return false;
            }
            if (!row.selfConsistent() || !linksToPredecessor(row)) {
                throw new UnlinkedEventException(row.globalIndex());
            }
            long leafIndex = size + appended[0];
            byte[] leaf = MerkleLog.leafHash(row.globalIndex(), row.chainHash());
            jdbc.sql("INSERT INTO read_model.audit_log_leaf (leaf_index, global_index, chain_hash, leaf_hash)"
                    + " VALUES (?, ?, ?, ?)").params(leafIndex, row.globalIndex(), row.chainHash(), MerkleLog.hex(leaf)).update();
            pending.put("0:" + leafIndex, leaf);
            byte[] hash = leaf;
            long index = leafIndex;
            int level = 0;
            while (index % 2 == 1) {
                byte[] left = pending.containsKey(level + ":" + (index - 1)) ? pending.get(level + ":" + (index - 1)) : node(level, index - 1);
                hash = MerkleLog.nodeHash(left, hash);
                index /= 2;
                level++;
                pending.put(level + ":" + index, hash);
                jdbc.sql("INSERT INTO read_model.audit_log_node (level, node_index, hash) VALUES (?, ?, ?)")
                        .params(level, index, MerkleLog.hex(hash)).update();
            }
            appended[0]++;
            previousIndex[0] = row.globalIndex();
            return true;
        });
        return appended[0];
    }

    private boolean linksToPredecessor(EventRows.Row row) {
        long sequence = row.event().sequenceNumber();
        String expected = sequence == 0 ? EventChain.GENESIS
                : events.chainHashOf(row.event().aggregateIdentifier(), sequence - 1).orElse(null);
        return row.previousHash().equals(expected);
    }

    /** The hash of the perfect subtree (level, index); level 0 are the leaves. */
    byte[] node(int level, long index) {
        String hex = level == 0
                ? jdbc.sql("SELECT leaf_hash FROM read_model.audit_log_leaf WHERE leaf_index = ?").param(index)
                .query(String.class).single()
                : jdbc.sql("SELECT hash FROM read_model.audit_log_node WHERE level = ? AND node_index = ?")
                .params(level, index).query(String.class).single();
        return MerkleLog.unhex(hex);
    }

    public long size() {
        return jdbc.sql("SELECT COUNT(*) FROM read_model.audit_log_leaf").query(Long.class).single();
    }

    public Optional<Checkpoint> latest() {
        return jdbc.sql("SELECT * FROM read_model.audit_log_checkpoint ORDER BY tree_size DESC FETCH FIRST 1 ROWS ONLY")
                .query(CHECKPOINT).optional();
    }

    public List<Checkpoint> all() {
        return jdbc.sql("SELECT * FROM read_model.audit_log_checkpoint ORDER BY tree_size").query(CHECKPOINT).list();
    }

    public record Leaf(long leafIndex, long globalIndex, String chainHash, String leafHash) {
    }

    public Optional<Leaf> leafOf(long globalIndex) {
        return jdbc.sql("SELECT * FROM read_model.audit_log_leaf WHERE global_index = ?").param(globalIndex)
                .query((rs, n) -> new Leaf(rs.getLong("leaf_index"), rs.getLong("global_index"),
                        rs.getString("chain_hash"), rs.getString("leaf_hash"))).optional();
    }

    /** The stored leaves in order, a page at a time (for the verification's comparison). */
    public List<Leaf> leaves(long fromLeafIndex, int count) {
        return jdbc.sql("SELECT * FROM read_model.audit_log_leaf WHERE leaf_index >= ? ORDER BY leaf_index FETCH FIRST "
                        + count + " ROWS ONLY").param(fromLeafIndex)
                .query((rs, n) -> new Leaf(rs.getLong("leaf_index"), rs.getLong("global_index"),
                        rs.getString("chain_hash"), rs.getString("leaf_hash"))).list();
    }

    public List<String> inclusionPath(long leafIndex, long treeSize) {
        return MerkleLog.inclusionPath(this::node, leafIndex, treeSize).stream().map(MerkleLog::hex).toList();
    }

    boolean signatureHolds(Checkpoint checkpoint) {
        byte[] statement = CheckpointSigner.statement(checkpoint.treeSize(), checkpoint.rootHash(),
                checkpoint.lastGlobalIndex(), checkpoint.signedAt(), checkpoint.keyId());
        try {
            return checkpoint.keyId().equals(signer.keyId())
                    && signer.verify(statement, Base64.getDecoder().decode(checkpoint.signature()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static final RowMapper<Checkpoint> CHECKPOINT = (rs, n) -> new Checkpoint(rs.getLong("tree_size"),
            rs.getLong("last_global_index"), rs.getString("root_hash"), rs.getString("signed_at"),
            rs.getString("key_id"), rs.getString("signature"));
}
