-- Webhooks as received, stored before the sender gets its 200, applied once by the webhook worker.
-- Times are Unix milliseconds, UTC.
CREATE TABLE inbox (
    id           INTEGER PRIMARY KEY,
    received_at  INTEGER NOT NULL,
    source       TEXT    NOT NULL,           -- plex, tautulli, jellyfin, emby
    event        TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    user_agent   TEXT,
    body         BLOB    NOT NULL,           -- exactly as sent (multipart included)
    status       TEXT    NOT NULL DEFAULT 'pending', -- pending, applied, ignored, failed
    reason       TEXT,
    backends     TEXT,                       -- the backends it was routed to, comma-separated
    attempts     INTEGER NOT NULL DEFAULT 0,
    done_at      INTEGER
);
CREATE INDEX inbox_pending ON inbox (status, id);
