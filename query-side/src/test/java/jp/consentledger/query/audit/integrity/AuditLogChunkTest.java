package jp.consentledger.query.audit.integrity;

import jp.consentledger.query.audit.TestLedger;
import jp.consentledger.query.audit.index.EventRows;
import jp.consentledger.query.audit.index.JdbcEventRows;

import jp.consentledger.kernel.audit.EventChain;
import jp.consentledger.kernel.linkage.Scope;
import org.axonframework.common.transaction.NoTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import jp.consentledger.query.audit.integrity.subjects.SubjectIndex;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A checkpoint over a backlog longer than a chunk commits it chunk by chunk, and signs the tree the
 * verification recomputes from the stored events; every stored node is the hash of the leaves below it.
 * Run without Spring, on a database of its own, with a chunk of 7 leaves.
 */
class AuditLogChunkTest {
    private static final Instant T = Instant.parse("2026-08-01T00:00:00Z");
    private static final int CHUNK = 7;

    private final String url = "jdbc:h2:mem:audit-log-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final EventRows events = new JdbcEventRows(jdbc);
    private final AuditLog log;
    private final CheckpointSigner signer;
    private final SubjectIndex subjects = new SubjectIndex(new JdbcTemplate(dataSource));
    private final TestLedger ledger;

    AuditLogChunkTest() throws Exception {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/query/h2")
                .table("flyway_history_query").load().migrate();
        TestLedger.createEventStore(url);
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        signer = new CheckpointSigner(Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()),
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        log = new AuditLog(jdbc, new JdbcTemplate(dataSource), events, signer, subjects,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                Clock.fixed(T.plus(Duration.ofDays(1)), ZoneOffset.UTC), Duration.ZERO, CHUNK);
        // Autocommit connections: each append commits on its own, as the command side's transactions do.
        ledger = new TestLedger(dataSource::getConnection, NoTransactionManager.INSTANCE);
    }

    @AfterEach
    void dropDatabase() {
        jdbc.sql("SHUTDOWN").update();
    }

    @Test
    void aBacklogOfSeveralChunksIsSignedAsTheVerificationRecomputesIt() {
        accountsWithTwoGrants(0, 8); // 2 + 24 events: three chunks and a part
        AuditLog.Checkpoint first = log.checkpoint();

        assertThat(first.treeSize()).isEqualTo(26);
        assertThat(first.lastGlobalIndex()).isEqualTo(events.head());
        assertVerifiedAt(first, 26);
        assertEveryNodeHashesTheLeavesBelowIt(26);

        // The next checkpoint continues a tree whose last chunk ended mid-subtree.
        accountsWithTwoGrants(8, 12);
        AuditLog.Checkpoint second = log.checkpoint();

        assertThat(second.treeSize()).isEqualTo(38);
        assertVerifiedAt(second, 38);
        assertEveryNodeHashesTheLeavesBelowIt(38);
        assertThat(log.checkpoint()).as("nothing new: the latest checkpoint").isEqualTo(second);
    }

    @Test
    void aRowThatDoesNotLinkStopsTheCheckpointAfterTheChunksBeforeIt() {
        accountsWithTwoGrants(0, 8);
        // Position 20 (account 5's second grant) rechained onto a forged predecessor: its own hash holds, its link does not.
        EventRows.Row original = events.at(20).orElseThrow();
        String forged = "0".repeat(64);
        jdbc.sql("UPDATE domain_event_entry SET previous_hash = ?, chain_hash = ? WHERE global_index = 20")
                .params(forged, EventChain.link(forged, original.event())).update();

        assertThatThrownBy(log::checkpoint).isInstanceOf(AuditLog.UnlinkedEventException.class)
                .hasMessageContaining("position 20");
        assertThat(log.latest()).as("nothing signed").isEmpty();
        assertThat(log.size()).as("the checked chunks before it stay").isEqualTo(14);

        jdbc.sql("UPDATE domain_event_entry SET previous_hash = ?, chain_hash = ? WHERE global_index = 20")
                .params(original.previousHash(), original.chainHash()).update();
        AuditLog.Checkpoint checkpoint = log.checkpoint();
        assertVerifiedAt(checkpoint, 26);
        assertEveryNodeHashesTheLeavesBelowIt(26);
    }

    @Test
    void anUpgradedLogFoldsItsExistingLeavesIntoTheSubjectIndexChunkByChunkBeforeItSignsAgain() {
        accountsWithTwoGrants(0, 8);
        AuditLog.Checkpoint grown = log.checkpoint(); // the index folded with each chunk of leaves
        assertThat(subjects.entry("account:chunk-a3").orElseThrow().eventCount()).as("registration and two grants").isEqualTo(3);
        assertThat(subjects.entry("linkage:chunk-l3b").orElseThrow().eventCount()).isEqualTo(1);
        assertThat(subjects.entry("provider:chunk-p0").orElseThrow().eventCount()).isEqualTo(1);
        assertThat(subjects.positions("terms")).as("the one publication").hasSize(1);

        // The store as a ledger before the subject index left it: the log and a v1 checkpoint, no index.
        jdbc.sql("DELETE FROM read_model.audit_subject_entry").update();
        jdbc.sql("DELETE FROM read_model.audit_subject_event").update();
        jdbc.sql("DELETE FROM read_model.audit_subject_node").update();
        jdbc.sql("DELETE FROM read_model.audit_subject_index_size").update();
        jdbc.sql("DELETE FROM read_model.audit_log_checkpoint").update();
        String signedAt = "2026-08-01T12:00:00Z";
        String v1Signature = Base64.getEncoder().encodeToString(signer.sign(CheckpointSigner.statementV1(
                grown.treeSize(), grown.rootHash(), grown.lastGlobalIndex(), signedAt, signer.keyId())));
        jdbc.sql("INSERT INTO read_model.audit_log_checkpoint (tree_size, last_global_index, root_hash, signed_at, key_id,"
                        + " signature) VALUES (?, ?, ?, ?, ?, ?)")
                .params(grown.treeSize(), grown.lastGlobalIndex(), grown.rootHash(), signedAt, signer.keyId(), v1Signature).update();

        AuditLog.Checkpoint upgraded = log.checkpoint();

        assertThat(upgraded.treeSize()).isEqualTo(26);
        assertThat(upgraded.subjectRoot()).as("the same index as folded chunk by chunk").isEqualTo(grown.subjectRoot());
        assertThat(subjects.size()).isEqualTo(26);
        assertThat(log.all()).extracting(AuditLog.Checkpoint::subjectRoot).as("the v1 checkpoint kept beside the v2 one")
                .containsExactly(null, grown.subjectRoot());
        assertVerifiedAt(upgraded, 26);
    }

    /**
     * The full torture run: a query node restarted on a backlog appended its log chunk by chunk while an auditor's
     * verification walked the events, and the walk met leaves committed after it had passed their events, so a
     * healthy ledger was reported broken. A verification judges the log as it was when it began.
     */
    @Test
    void aVerificationWhileTheLogCatchesUpJudgesTheLogAsItWasWhenItBegan() {
        accountsWithTwoGrants(0, 8); // 26 events, not in the log yet
        boolean[] caughtUp = {false};
        EventRows walkedWhileTheLogGrows = new JdbcEventRows(jdbc) {
            @Override
            public void forEach(Consumer<Row> consumer) {
                events.forEach(row -> {
                    consumer.accept(row);
                    if (!caughtUp[0]) {
                        caughtUp[0] = true;
                        log.checkpoint(); // the whole backlog, once the walk has passed the first event
                    }
                });
            }
        };

        Verification.Result during = new Verification(walkedWhileTheLogGrows, log).verify();

        assertThat(during.verified()).as(during.toString()).isTrue();
        assertThat(during.eventsChecked()).isEqualTo(26);
        assertVerifiedAt(log.latest().orElseThrow(), 26);
    }

    /** Accounts {@code from} to {@code to} (exclusive), each with two grants: links within an aggregate, across pages. */
    private void accountsWithTwoGrants(int from, int to) {
        if (from == 0) {
            ledger.terms("chunk-terms", T, T);
            ledger.provider("chunk-p0", T);
        }
        for (int i = from; i < to; i++) {
            Instant at = T.plusSeconds(i);
            ledger.account("chunk-a" + i, "chunk-terms", at, Duration.ofDays(30));
            ledger.grant("chunk-l" + i + "a", "chunk-a" + i, "chunk-p0", Set.of(Scope.BALANCE), "chunk-terms", at, Duration.ofDays(1));
            ledger.grant("chunk-l" + i + "b", "chunk-a" + i, "chunk-p0", Set.of(Scope.BALANCE), "chunk-terms", at, Duration.ofDays(1));
        }
    }

    private void assertVerifiedAt(AuditLog.Checkpoint checkpoint, long events) {
        Verification.Result result = new Verification(this.events, log).verify();
        assertThat(result.verified()).as(result.toString()).isTrue();
        assertThat(result.eventsChecked()).isEqualTo(events);
        assertThat(result.headHash()).isEqualTo(checkpoint.rootHash());
        assertThat(log.size()).isEqualTo(events);
    }

    /** Each stored perfect subtree is the root of its leaves, and every one the tree has is stored. */
    private void assertEveryNodeHashesTheLeavesBelowIt(long size) {
        List<AuditLog.Leaf> leaves = log.leaves(0, (int) size);
        MerkleLog.Nodes fromLeaves = (level, index) -> {
            MerkleLog.Frontier frontier = new MerkleLog.Frontier();
            for (long i = index << level; i < (index + 1) << level; i++) {
                frontier.add(MerkleLog.unhex(leaves.get((int) i).leafHash()));
            }
            return frontier.root();
        };
        List<String> expected = new ArrayList<>();
        for (int level = 1; (1L << level) <= size; level++) {
            for (long index = 0; (index + 1) << level <= size; index++) {
                expected.add(level + ":" + index + ":" + MerkleLog.hex(fromLeaves.node(level, index)));
            }
        }
        assertThat(jdbc.sql("SELECT level, node_index, hash FROM read_model.audit_log_node")
                .query((rs, n) -> rs.getInt(1) + ":" + rs.getLong(2) + ":" + rs.getString(3)).list())
                .containsExactlyInAnyOrderElementsOf(expected);
    }
}
