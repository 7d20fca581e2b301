-- Export planning reads an identity's whole library ordered by item id. Without an index that yields that order,
-- SQLite sorts every (item, view) row in a temporary B-tree first, which lives in memory (temp_store = MEMORY) and
-- grows with the library; with it the rows stream in order and memory stays flat.
CREATE INDEX items_identity_id ON items (identity, id);
