package jp.consentledger.query.audit.index;

import jp.consentledger.kernel.audit.EventChain;
import jp.consentledger.kernel.audit.EventChain.StoredRow;
import org.axonframework.eventhandling.EventMessage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The events as stored, with their hash links, for the audit: the exact bytes the chain covers. Read from the
 * JDBC event table and its chain columns ({@link JdbcEventRows}), or, on a store that has no such table (Axon
 * Server), through Axon's event-store API with the links the events carry in their metadata
 * ({@link AxonEventRows}). {@link EventReading} picks the one the node's store needs.
 */
public interface EventRows {
    int PAGE = 1000;

    /**
     * One stored event: its position, the fields its chain hash covers, and its stored links (null where it has
     * none). {@code layout} is the chain's (1: the JDBC columns; 2: links in the metadata, {@link EventChain#linkV2}).
     */
    record Row(long globalIndex, StoredRow event, String previousHash, String chainHash, int layout) {
        /** This row's chain hash, recomputed over its fields and linked to {@code previousHash}. */
        public String link(String previousHash) {
            return layout == 2 ? EventChain.linkV2(previousHash, event) : EventChain.link(previousHash, event);
        }

        /** Whether the stored chain hash is the hash of this row's bytes linked to its stored previous hash. */
        public boolean selfConsistent() {
            return chainHash != null && previousHash != null && chainHash.equals(link(previousHash));
        }
    }

    /** A row with the chain hash stored for the previous event of its aggregate (null if there is none). */
    record LinkedRow(Row row, String predecessorChainHash) {
    }

    /** An event as a processor delivered it, with its token's position. */
    record Delivered(long tokenPosition, EventMessage<?> message) {
    }

    /** Up to {@link #PAGE} rows after {@code afterGlobalIndex} (any negative: from the first), in global order. */
    List<Row> pageAfter(long afterGlobalIndex);

    /** Every row, in global order, a page at a time. */
    default void forEach(Consumer<Row> consumer) {
        long after = Long.MIN_VALUE;
        while (true) {
            List<Row> page = pageAfter(after);
            for (Row row : page) {
                consumer.accept(row);
                after = row.globalIndex();
            }
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    Optional<Row> at(long globalIndex);

    /** The stored rows of one processor batch's events (ascending), by event identifier, each at its own position. */
    Map<String, Row> delivered(List<Delivered> batch);

    /**
     * The next page of rows after {@code afterGlobalIndex}, each with its aggregate's previous link, so a page's
     * links are checked without a query per row where the store allows.
     */
    List<LinkedRow> linkedPageAfter(long afterGlobalIndex);

    /** The highest position in the store, -1 when it is empty. */
    long head();
}
