-- Items are movies and episodes; shows only group episodes. Times are Unix milliseconds, UTC.
CREATE TABLE items (
    id           INTEGER PRIMARY KEY,
    identity     TEXT    NOT NULL,
    type         INTEGER NOT NULL,           -- 0 movie, 1 episode
    title        TEXT    NOT NULL,
    year         INTEGER,
    series_title TEXT,
    season       INTEGER,
    episode      INTEGER,
    watched      INTEGER NOT NULL,
    state_at     INTEGER NOT NULL,           -- when watched got its current value
    progress_ms  INTEGER NOT NULL DEFAULT 0,
    progress_at  INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX items_identity ON items (identity, type);

-- Matching keys such as movie:imdb:tt0133093 or episode:show/tvdb:81189/s1/e1; one item per key.
CREATE TABLE item_keys (
    identity TEXT    NOT NULL,
    key      TEXT    NOT NULL,
    item_id  INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    PRIMARY KEY (identity, key)
) WITHOUT ROWID;
CREATE INDEX item_keys_item ON item_keys (item_id);

-- What each backend last reported for each of its items: the raw facts, not our decision.
CREATE TABLE backend_views (
    identity    TEXT    NOT NULL,
    backend     TEXT    NOT NULL,
    remote_id   TEXT    NOT NULL,
    part        INTEGER NOT NULL,            -- 0, or the episode number of a multi-episode file's extra episode
    item_id     INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    played      INTEGER NOT NULL,
    played_at   INTEGER,
    added_at    INTEGER,
    progress_ms INTEGER NOT NULL,
    play_count  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (identity, backend, remote_id, part)
) WITHOUT ROWID;
CREATE INDEX backend_views_item ON backend_views (item_id);

-- Every applied or refused change, with why.
CREATE TABLE history (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    identity   TEXT    NOT NULL,
    backend    TEXT,
    at         INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    field      TEXT    NOT NULL,
    applied    INTEGER NOT NULL,
    from_value TEXT,
    to_value   TEXT,
    reason     TEXT    NOT NULL
);
CREATE INDEX history_item ON history (item_id, id);

-- Two items that claim the same matching key: recorded, never merged silently.
CREATE TABLE conflicts (
    id            INTEGER PRIMARY KEY,
    identity      TEXT    NOT NULL,
    key           TEXT    NOT NULL,
    item_id       INTEGER NOT NULL,
    other_item_id INTEGER NOT NULL,
    backend       TEXT    NOT NULL,
    remote_id     TEXT    NOT NULL,
    at            INTEGER NOT NULL,
    UNIQUE (identity, key, item_id, other_item_id)
);

CREATE TABLE cursors (
    identity   TEXT    NOT NULL,
    backend    TEXT    NOT NULL,
    direction  TEXT    NOT NULL,             -- import / export
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (identity, backend, direction)
) WITHOUT ROWID;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
