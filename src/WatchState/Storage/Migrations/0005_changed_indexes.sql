-- Export planning reads only what changed since the oldest export cursor (a webhook push, an incremental export)
-- instead of the whole library.
CREATE INDEX items_updated ON items (identity, updated_at);
CREATE INDEX backend_views_updated ON backend_views (updated_at);
