-- For an episode, the show's id on the same backend: an ignore rule for a show (item://BACKEND?id=SHOW) keeps
-- export from writing to any of its episodes. NULL for movies, and for views not imported since this column came.
ALTER TABLE backend_views ADD COLUMN show_remote_id TEXT;
