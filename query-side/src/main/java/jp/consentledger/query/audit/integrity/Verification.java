package jp.consentledger.query.audit.integrity;

import jp.consentledger.kernel.audit.EventChain;
import jp.consentledger.query.audit.index.EventRows;
import jp.consentledger.query.audit.integrity.subjects.StoredEvents;
import jp.consentledger.query.audit.integrity.subjects.SubjectRecount;
import jp.consentledger.query.role.FullNode;
import org.springframework.stereotype.Component;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Recomputes everything from the stored bytes: each aggregate's chain (every row's hash over its bytes
 * and its link to the previous event of its aggregate), each leaf of the Merkle log against the leaves
 * the checkpoints committed to, and the root at each signed checkpoint against its signature. The
 * first broken position is the lowest global index at which any of these fails.
 *
 * <p>What each check catches: a changed byte breaks the row's own hash; a deleted, inserted or swapped row
 * breaks its aggregate's links and the leaf sequence; a truncated tail leaves committed leaves without
 * events; an event rewritten with its plain hash recomputed still differs from the signed tree; a subject index
 * edited before a signing (an event taken out of a subject's chain) differs from the one the events give.
 * Events written after the latest checkpoint are covered by their chains only until the next one.
 */
@FullNode
@Component
public class Verification {
    private static final int LEAF_PAGE = 1000;

    private final EventRows events;
    private final AuditLog log;

    public Verification(EventRows events, AuditLog log) {
        this.events = events;
        this.log = log;
    }

    public record Checked(long treeSize, String rootHash, String keyId, String signedAt) {
    }

    public record Result(boolean verified, long eventsChecked, String headHash, Long firstBrokenPosition,
                         String finding, Checked checkpoint) {
    }

    private static final class Walk {
        final Map<String, Long> lastSequence = new HashMap<>();
        final Map<String, String> lastHash = new HashMap<>();
        final MerkleLog.Frontier frontier = new MerkleLog.Frontier();
        final SubjectRecount subjects = new SubjectRecount();
        long checked;
        Long broken;
        String finding;

        void breakAt(long position, String what) {
            if (broken == null || position < broken) {
                broken = position;
                finding = what;
            }
        }
    }

    /**
     * The leaves the log had committed when the verification began, in order, read a page at a time. The log
     * grows while a verification walks (a node catching up appends its backlog in chunks): a leaf committed
     * since belongs to an event the walk may already have passed, so it is left to the next verification.
     */
    private final class LeafCursor {
        private final long size;
        private long nextIndex;
        private Iterator<AuditLog.Leaf> page = List.<AuditLog.Leaf>of().iterator();

        LeafCursor(long size) {
            this.size = size;
        }

        AuditLog.Leaf next() {
            if (!page.hasNext()) {
                if (nextIndex >= size) {
                    return null;
                }
                List<AuditLog.Leaf> leaves = log.leaves(nextIndex, (int) Math.min(LEAF_PAGE, size - nextIndex));
                if (leaves.isEmpty()) {
                    return null;
                }
                page = leaves.iterator();
            }
            AuditLog.Leaf leaf = page.next();
            nextIndex = leaf.leafIndex() + 1;
            return leaf;
        }
    }

    public Result verify() {
        List<AuditLog.Checkpoint> checkpoints = log.all();
        // Read after the checkpoints, so that every checkpoint listed lies within it.
        LeafCursor committed = new LeafCursor(log.size());
        Deque<AuditLog.Checkpoint> ahead = new ArrayDeque<>(checkpoints);
        Walk walk = new Walk();
        long[] rangeStart = {Long.MIN_VALUE}; // first position after the previous checkpoint's tree

        for (AuditLog.Checkpoint checkpoint : checkpoints) {
            if (!log.signatureHolds(checkpoint)) {
                walk.breakAt(checkpoint.lastGlobalIndex(), "the checkpoint of tree size " + checkpoint.treeSize()
                        + " is not signed by this ledger's key");
            }
        }

        events.forEach(row -> {
            walk.checked++;
            long position = row.globalIndex();
            String aggregate = row.event().aggregateIdentifier();
            long sequence = row.event().sequenceNumber();
            String expectedPrevious = walk.lastHash.getOrDefault(aggregate, EventChain.GENESIS);
            long expectedSequence = walk.lastSequence.getOrDefault(aggregate, -1L) + 1;
            String recomputed = row.link(expectedPrevious);
            if (sequence != expectedSequence || !expectedPrevious.equals(row.previousHash())) {
                walk.breakAt(position, "the event does not follow the previous event of aggregate " + aggregate);
            } else if (!recomputed.equals(row.chainHash())) {
                walk.breakAt(position, "the event's stored bytes do not match its chain hash");
            }
            walk.lastSequence.put(aggregate, sequence);
            walk.lastHash.put(aggregate, row.chainHash() == null ? recomputed : row.chainHash());

            // The leaf this row gives must be the leaf the log committed to at this place in the order.
            byte[] leaf = MerkleLog.leafHash(position, recomputed);
            AuditLog.Leaf expected = committed.next();
            if (expected != null && (expected.globalIndex() != position || !expected.leafHash().equals(MerkleLog.hex(leaf)))) {
                walk.breakAt(Math.min(position, expected.globalIndex()),
                        "the event differs from the one the log committed to at this place in the order");
            }
            if (rangeStart[0] == Long.MIN_VALUE) {
                rangeStart[0] = position;
            }
            walk.frontier.add(leaf);
            walk.subjects.add(position, recomputed, payloadOf(row, walk));
            while (!ahead.isEmpty() && ahead.peek().treeSize() == walk.frontier.size()) {
                AuditLog.Checkpoint checkpoint = ahead.poll();
                // Only where no finer finding already names a position in this range.
                if (walk.broken == null && !MerkleLog.hex(walk.frontier.root()).equals(checkpoint.rootHash())) {
                    walk.breakAt(rangeStart[0], "the events up to position " + position
                            + " do not give the root hash signed at tree size " + checkpoint.treeSize());
                } else if (walk.broken == null && checkpoint.subjectRoot() != null
                        && !walk.subjects.root().equals(checkpoint.subjectRoot())) {
                    walk.breakAt(rangeStart[0], "the events up to position " + position
                            + " do not give the subject index root signed at tree size " + checkpoint.treeSize()
                            + ": the index a bundle's completeness rests on was not the events' own");
                }
                rangeStart[0] = Long.MIN_VALUE;
            }
        });

        // Committed leaves (or signed tree sizes) beyond the last event: the tail was removed.
        AuditLog.Leaf missing = committed.next();
        if (missing != null) {
            walk.breakAt(missing.globalIndex(), "events the log committed to are missing from the store");
        }
        if (!ahead.isEmpty()) {
            AuditLog.Checkpoint first = ahead.peek();
            walk.breakAt(first.lastGlobalIndex(), "the store holds fewer events than the checkpoint of tree size "
                    + first.treeSize() + " signed");
        }

        AuditLog.Checkpoint latest = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
        return new Result(walk.broken == null, walk.checked, MerkleLog.hex(walk.frontier.root()), walk.broken,
                walk.broken == null ? null : walk.finding,
                latest == null ? null : new Checked(latest.treeSize(), latest.rootHash(), latest.keyId(), latest.signedAt()));
    }

    /** The event the subject index folds for this row; a payload that no longer reads is a finding of its own. */
    private static Object payloadOf(EventRows.Row row, Walk walk) {
        try {
            return StoredEvents.payload(row.event().payloadType(), row.event().payload());
        } catch (IllegalStateException e) {
            walk.breakAt(row.globalIndex(), "the event's payload does not read back as a " + row.event().payloadType());
            return null;
        }
    }
}
