-- Pending writes to media servers: the only way anything is written to one. Times are Unix milliseconds, UTC.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    identity        TEXT    NOT NULL,
    backend         TEXT    NOT NULL,
    remote_id       TEXT    NOT NULL,
    item_id         INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL,        -- mark_played / mark_unplayed / set_progress / clear_progress
    payload         TEXT    NOT NULL,        -- JSON: playedAt (ms), positionMs, durationMs
    reason          TEXT    NOT NULL,        -- why the planner wants it
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    status          TEXT    NOT NULL,        -- pending / done / failed / dropped
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

-- One open write per remote item: planning again replaces it instead of queueing a second one.
CREATE UNIQUE INDEX outbox_open ON outbox (identity, backend, remote_id) WHERE status IN ('pending', 'failed');
CREATE INDEX outbox_status ON outbox (identity, backend, status, next_attempt_at);
CREATE INDEX outbox_item ON outbox (item_id);
