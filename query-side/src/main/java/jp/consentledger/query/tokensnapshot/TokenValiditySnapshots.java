package jp.consentledger.query.tokensnapshot;

import jp.consentledger.serialization.EventStoreContract;
import jp.consentledger.query.tokencheck.TokenValidityModel.Captured;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The token-validity model's snapshot in {@code read_model.qry_token_validity_snapshot}: its facts
 * ({@link SnapshotFormat}) and the tracking token they reflect (Axon's serializer, as its token stores keep tokens). One row;
 * a snapshot replaces the one stored only if it reflects a later position, so several full nodes writing
 * never move it back.
 */
@Component
public class TokenValiditySnapshots {
    static final String NAME = "token-validity";

    private final JdbcTemplate jdbc;
    private final Serializer tokens = EventStoreContract.serializer();
    private final Clock clock;

    TokenValiditySnapshots(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Captured> latest() {
        List<Captured> found = jdbc.query("SELECT event_position, token_type, tracking_token, facts"
                + " FROM read_model.qry_token_validity_snapshot WHERE snapshot_name = ?", (rs, row) -> {
            TrackingToken token = tokens.deserialize(new SimpleSerializedObject<>(rs.getBytes("tracking_token"),
                    byte[].class, rs.getString("token_type"), null));
            return new Captured(SnapshotFormat.read(rs.getBytes("facts")), token, rs.getLong("event_position"));
        }, NAME);
        return found.stream().findFirst();
    }

    /** Whether it was stored (not when a snapshot of the same or a later position is there already). */
    public boolean save(Captured captured) {
        SerializedObject<byte[]> token = tokens.serialize(captured.token(), byte[].class);
        byte[] facts = SnapshotFormat.write(captured.facts());
        Timestamp now = Timestamp.from(clock.instant());
        int linkages = captured.facts().linkages().size();
        int updated = jdbc.update("UPDATE read_model.qry_token_validity_snapshot SET event_position = ?, token_type = ?,"
                        + " tracking_token = ?, facts = ?, linkages = ?, taken_at = ? WHERE snapshot_name = ? AND event_position < ?",
                captured.position(), token.getType().getName(), token.getData(), facts, linkages, now, NAME, captured.position());
        if (updated > 0) {
            return true;
        }
        try {
            return jdbc.update("INSERT INTO read_model.qry_token_validity_snapshot (snapshot_name, event_position, token_type,"
                            + " tracking_token, facts, linkages, taken_at) SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
                            + " (SELECT 1 FROM read_model.qry_token_validity_snapshot WHERE snapshot_name = ?)",
                    NAME, captured.position(), token.getType().getName(), token.getData(), facts, linkages, now, NAME) > 0;
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            return false;
        }
    }
}
