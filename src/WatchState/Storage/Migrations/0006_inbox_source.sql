-- The events list filters by source and offers the sources seen: both read this index instead of every stored
-- body.
CREATE INDEX inbox_source ON inbox (source, id);
