-- hookline:no-transaction
-- Deliveries by reference (issue 9): an array batch made of stored activities as they are keeps their
-- ids, not a second copy of their texts, so what a fan-out writes no longer grows with activities ×
-- endpoints (a 100-activity batch is up to 1 MiB of body, compressed and TOASTed, per endpoint). `body`
-- stays for single objects (small, inline in the row), for what is not a stored activity verbatim (event
-- objects, list events), for replayed copies and for deliveries formed before this migration.
-- deliveries is big: the index is built without locking writes, and every statement is safe to repeat.
-- Upgrade note: stop workers of the previous version before this version forms deliveries (they read
-- `body` only).
ALTER TABLE "deliveries" ALTER COLUMN "body" DROP NOT NULL;
ALTER TABLE "deliveries" ADD COLUMN IF NOT EXISTS "activity_ids" BIGINT[];
ALTER TABLE "deliveries" ADD COLUMN IF NOT EXISTS "first_activity_id" BIGINT;

CREATE INDEX CONCURRENTLY IF NOT EXISTS "deliveries_account_id_first_activity_id_idx" ON "deliveries"("account_id", "first_activity_id") WHERE (first_activity_id IS NOT NULL);

-- The body of a delivery: `body` as stored, else the JSON array of the stored texts of `activity_ids` in
-- order, joined by ',' with nothing else added. The one rule for turning a delivery back into its body
-- (retries, Webhook logs, CSV export, replay); the worker sends a newly formed batch from the same
-- texts, joined the same way, and the engine tests compare the two byte for byte.
CREATE OR REPLACE FUNCTION delivery_body(body text, activity_ids bigint[]) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(body, (
    SELECT '[' || string_agg(a.payload::text, ',' ORDER BY u.n) || ']'
      FROM unnest(activity_ids) WITH ORDINALITY AS u(id, n)
      JOIN activities a ON a.id = u.id))
$$;
