-- The identity (or identities) a webhook or live event was applied to: backend names are the same in every
-- identity, so the backends column alone does not say whose state changed. NULL for rows not applied.
ALTER TABLE inbox ADD COLUMN identity TEXT;
