-- Rules a race could break, enforced by the database (issue 11, items 14 and 15): one active event
-- webhook per event type, one Laboratory webhook per account. endpoints is a small table (a few rows
-- per account), so the indexes are built inside this migration's transaction.

-- Before the indexes existed, a race could have made duplicates: keep the oldest, nothing is deleted.
UPDATE "endpoints" e SET "active" = false, "updated_at" = now()
 WHERE e."kind" = 'event' AND e."active" AND EXISTS (
   SELECT 1 FROM "endpoints" o
    WHERE o."account_id" = e."account_id" AND o."kind" = 'event' AND o."active" AND o."event_type" = e."event_type"
      AND (o."created_at", o."id") < (e."created_at", e."id"));

UPDATE "endpoints" e SET "kind" = 'export', "name" = left(e."name", 60) || ' (second Laboratory ' || left(e."id"::text, 8) || ')', "updated_at" = now()
 WHERE e."kind" = 'laboratory' AND EXISTS (
   SELECT 1 FROM "endpoints" o
    WHERE o."account_id" = e."account_id" AND o."kind" = 'laboratory' AND (o."created_at", o."id") < (e."created_at", e."id"));

-- CreateIndex
CREATE UNIQUE INDEX "endpoints_one_active_event_type" ON "endpoints"("account_id", "event_type") WHERE (kind = 'event' AND active);

-- CreateIndex
CREATE UNIQUE INDEX "endpoints_one_laboratory" ON "endpoints"("account_id") WHERE (kind = 'laboratory');
