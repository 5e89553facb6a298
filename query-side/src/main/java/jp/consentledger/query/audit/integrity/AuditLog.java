package jp.consentledger.query.audit.integrity;

import jp.consentledger.query.QuerySideProperties;
import jp.consentledger.kernel.audit.EventChain;
import jp.consentledger.query.audit.index.EventRows;
import jp.consentledger.query.audit.integrity.subjects.StoredEvents;
import jp.consentledger.query.audit.integrity.subjects.SubjectIndex;
import jp.consentledger.query.role.FullNode;
import org.axonframework.common.DateTimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
@FullNode
@Component
public class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    /** Leaves appended per transaction: a backlog of millions commits in steps, not in one transaction. */
    private static final int CHUNK = 10_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final EventRows events;
    private final CheckpointSigner signer;
    private final SubjectIndex subjects;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration settleDelay;
    private final int chunk;

    /** A signed tree head; {@code subjectRoot} null on checkpoints signed before the subject index (statement v1). */
    public record Checkpoint(long treeSize, long lastGlobalIndex, String rootHash, String subjectRoot, String signedAt,
                             String keyId, String signature) {
    }

    @Autowired
    public AuditLog(JdbcClient jdbc, JdbcTemplate batch, EventRows events, CheckpointSigner signer, SubjectIndex subjects,
                    TransactionTemplate transactions, Clock clock, QuerySideProperties properties) {
        this(jdbc, batch, events, signer, subjects, transactions, clock, properties.audit().settleDelay(), CHUNK);
    }

    AuditLog(JdbcClient jdbc, JdbcTemplate batch, EventRows events, CheckpointSigner signer, SubjectIndex subjects,
             TransactionTemplate transactions, Clock clock, Duration settleDelay, int chunk) {
        this.subjects = subjects;
        this.jdbc = jdbc;
        this.batch = batch;
        this.events = events;
        this.signer = signer;
        this.transactions = transactions;
        this.clock = clock;
        this.settleDelay = settleDelay;
        this.chunk = chunk;
    }

    /** Thrown when a row to be checkpointed does not link; the verification names where. */
    public static class UnlinkedEventException extends RuntimeException {
        UnlinkedEventException(long globalIndex) {
            super("The event at position " + globalIndex + " does not link into its hash chain; no checkpoint was"
                    + " signed. Run the verification.", null, false, false);
        }
    }

    /** Every {@code ledger.audit.checkpoint-interval} ({@link CheckpointScheduling}). */
    void periodically() {
        try {
            checkpoint();
        } catch (DuplicateKeyException e) {
            log.info("Another query node extended the log at the same moment; the next run continues from there");
        } catch (RuntimeException e) {
            log.error("Periodic checkpoint failed", e);
        }
    }

    /**
     * Appends the settled new events and signs a checkpoint over the whole log (or returns the latest if
     * nothing is new). A backlog (a fresh node's first checkpoint over millions of events) is appended in
     * chunks of 10,000 leaves, each committed on its own; the last chunk and the signature commit
     * together. Leaves committed by earlier chunks are checked leaves that the next checkpoint signs if this
     * one fails later. Each chunk folds its leaves into the subject index in the same transaction; a log that
     * predates the index (an upgraded store) has its existing leaves folded first, in chunks too.
     */
    public synchronized Checkpoint checkpoint() {
        Instant settledBefore = clock.instant().minus(settleDelay);
        while (true) {
            Optional<Checkpoint> signed = transactions.execute(status -> {
                long size = size();
                long folded = subjects.size();
                if (folded < size) {
                    subjects.fold(existingLeaves(folded, (int) Math.min(chunk, size - folded)));
                    return null;
                }
                long appended = appendNewLeaves(size, settledBefore);
                return appended == chunk ? null : Optional.ofNullable(sign(size, appended));
            });
            if (signed != null) {
                return signed.orElse(null);
            }
        }
    }

    private Checkpoint sign(long size, long appended) {
        Optional<Checkpoint> latest = latest();
        // A checkpoint at this size that signs the subject index already says it all (after a key rotation, the
        // new key signs from the next event on; the old checkpoint stays verifiable under the retired key).
        if (appended == 0 && latest.isPresent() && latest.get().treeSize() == size && latest.get().subjectRoot() != null) {
            return latest.get();
        }
        long newSize = size + appended;
        if (newSize == 0) {
            return latest.orElse(null);
        }
        String root = MerkleLog.hex(MerkleLog.rootOf(this::node, 0, newSize));
        String subjectRoot = subjects.root();
        long lastGlobalIndex = lastGlobalIndex(newSize);
        String signedAt = DateTimeUtils.formatInstant(clock.instant());
        String signature = Base64.getEncoder().encodeToString(signer.sign(
                CheckpointSigner.statement(newSize, root, lastGlobalIndex, subjectRoot, signedAt, signer.keyId())));
        jdbc.sql("INSERT INTO read_model.audit_log_checkpoint (tree_size, last_global_index, root_hash, subject_root,"
                        + " statement_version, signed_at, key_id, signature) VALUES (?, ?, ?, ?, 2, ?, ?, ?)")
                .params(newSize, lastGlobalIndex, root, subjectRoot, signedAt, signer.keyId(), signature).update();
        return new Checkpoint(newSize, lastGlobalIndex, root, subjectRoot, signedAt, signer.keyId(), signature);
    }

    /** Leaves already in the log, from {@code fromLeaf}, with their events: for folding an upgraded log's past. */
    private List<SubjectIndex.Leaf> existingLeaves(long fromLeaf, int count) {
        return jdbc.sql("SELECT l.global_index, l.chain_hash, e.payload_type, e.payload FROM read_model.audit_log_leaf l"
                        + " JOIN domain_event_entry e ON e.global_index = l.global_index WHERE l.leaf_index >= ?"
                        + " ORDER BY l.leaf_index FETCH FIRST " + count + " ROWS ONLY").param(fromLeaf)
                .query((rs, n) -> new SubjectIndex.Leaf(rs.getLong(1), rs.getString(2).trim(),
                        StoredEvents.payload(rs.getString(3), rs.getBytes(4)))).list();
    }

    private long lastGlobalIndex(long size) {
        return jdbc.sql("SELECT global_index FROM read_model.audit_log_leaf WHERE leaf_index = ?")
                .param(size - 1).query(Long.class).single();
    }

    /** Appends up to a chunk of leaves after the log's {@code size} leaves; returns how many. */
    private long appendNewLeaves(long size, Instant settledBefore) {
        long previousIndex = size == 0 ? Long.MIN_VALUE : lastGlobalIndex(size);
        Map<String, byte[]> pending = new HashMap<>(); // nodes written in this chunk, by level:index
        List<SubjectIndex.Leaf> folded = new ArrayList<>(); // for the subject index, folded once per chunk
        long appended = 0;
        while (appended < chunk) {
            List<EventRows.LinkedRow> page = events.linkedPageAfter(previousIndex);
            List<Object[]> leaves = new ArrayList<>();
            List<Object[]> nodes = new ArrayList<>();
            boolean stopped = false;
            for (EventRows.LinkedRow linked : page) {
                EventRows.Row row = linked.row();
                boolean gap = previousIndex != Long.MIN_VALUE && row.globalIndex() != previousIndex + 1;
                if (appended == chunk || gap && DateTimeUtils.parseInstant(row.event().timeStamp()).isAfter(settledBefore)) {
                    stopped = true;
                    break;
                }
                if (!row.selfConsistent() || !linksToPredecessor(linked)) {
                    throw new UnlinkedEventException(row.globalIndex());
                }
                long leafIndex = size + appended;
                byte[] leaf = MerkleLog.leafHash(row.globalIndex(), row.chainHash());
                leaves.add(new Object[] {leafIndex, row.globalIndex(), row.chainHash(), MerkleLog.hex(leaf)});
                folded.add(new SubjectIndex.Leaf(row.globalIndex(), row.chainHash(),
                        StoredEvents.payload(row.event().payloadType(), row.event().payload())));
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
                    nodes.add(new Object[] {level, index, MerkleLog.hex(hash)});
                }
                appended++;
                previousIndex = row.globalIndex();
            }
            batch.batchUpdate("INSERT INTO read_model.audit_log_leaf (leaf_index, global_index, chain_hash, leaf_hash)"
                    + " VALUES (?, ?, ?, ?)", leaves);
            batch.batchUpdate("INSERT INTO read_model.audit_log_node (level, node_index, hash) VALUES (?, ?, ?)", nodes);
            if (stopped || page.size() < EventRows.PAGE) {
                break;
            }
        }
        subjects.fold(folded);
        return appended;
    }

    private static boolean linksToPredecessor(EventRows.LinkedRow linked) {
        String expected = linked.row().event().sequenceNumber() == 0 ? EventChain.GENESIS : linked.predecessorChainHash();
        return linked.row().previousHash().equals(expected);
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

    /** Leaves are numbered from 0 without gaps, so the last one's index says the size through the primary key. */
    public long size() {
        return jdbc.sql("SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM read_model.audit_log_leaf").query(Long.class).single();
    }

    public Optional<Checkpoint> latest() {
        return jdbc.sql("SELECT * FROM read_model.audit_log_checkpoint ORDER BY tree_size DESC, statement_version DESC FETCH FIRST 1 ROWS ONLY")
                .query(CHECKPOINT).optional();
    }

    public List<Checkpoint> all() {
        return jdbc.sql("SELECT * FROM read_model.audit_log_checkpoint ORDER BY tree_size, statement_version").query(CHECKPOINT).list();
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

    /** Under the key the checkpoint names (the current one or a retired one), by its statement's version. */
    boolean signatureHolds(Checkpoint checkpoint) {
        byte[] statement = checkpoint.subjectRoot() == null
                ? CheckpointSigner.statementV1(checkpoint.treeSize(), checkpoint.rootHash(), checkpoint.lastGlobalIndex(),
                checkpoint.signedAt(), checkpoint.keyId())
                : CheckpointSigner.statement(checkpoint.treeSize(), checkpoint.rootHash(), checkpoint.lastGlobalIndex(),
                checkpoint.subjectRoot(), checkpoint.signedAt(), checkpoint.keyId());
        try {
            return signer.verify(checkpoint.keyId(), statement, Base64.getDecoder().decode(checkpoint.signature()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static final RowMapper<Checkpoint> CHECKPOINT = (rs, n) -> new Checkpoint(rs.getLong("tree_size"),
            rs.getLong("last_global_index"), rs.getString("root_hash"), rs.getString("subject_root"), rs.getString("signed_at"),
            rs.getString("key_id"), rs.getString("signature"));
}
