-- Query nodes sharing this database announce themselves here, so each can take a fair share of the
-- linkage directory's segments (see SegmentBalancer). Rows of dead nodes simply stop being fresh.
CREATE TABLE read_model.qry_node (
    node_id VARCHAR(255) PRIMARY KEY,
    seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);
