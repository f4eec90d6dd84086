-- Delivery bodies (up to 1 MiB of JSON each, written once per batch) are compressed with lz4 instead of
-- pglz where the server supports it: pglz compression was a large share of PostgreSQL's CPU per formed
-- delivery (issue 9). Only new values are affected; older rows stay readable as they are. A metadata
-- change: no table rewrite. Servers built without lz4 keep pglz.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE "deliveries" ALTER COLUMN "body" SET COMPRESSION lz4;
  END IF;
END
$$;
