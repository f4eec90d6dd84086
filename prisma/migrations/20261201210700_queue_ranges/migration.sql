-- Delivery engine v2 (issue 9). Fan-out by reference: an endpoint's queue is one row per ingest request
-- (a range of that request's activities, or inline objects for list events) instead of one row per
-- activity. And a slow lane for endpoints that time out.

-- AlterTable: endpoints whose last attempt timed out or was slow get their own share of a worker.
ALTER TABLE "endpoints" ADD COLUMN "slow" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "queue_ranges" (
    "id" BIGSERIAL NOT NULL,
    "account_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "first_activity_id" BIGINT,
    "last_activity_id" BIGINT,
    "statuses" TEXT[],
    "event_type" TEXT,
    "payload" TEXT,
    "skip" INTEGER NOT NULL DEFAULT 0,
    "count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queue_ranges_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "queue_ranges_endpoint_id_id_idx" ON "queue_ranges"("endpoint_id", "id");

-- CreateIndex
CREATE INDEX "queue_ranges_account_id_first_activity_id_idx" ON "queue_ranges"("account_id", "first_activity_id");

-- AddForeignKey
ALTER TABLE "queue_ranges" ADD CONSTRAINT "queue_ranges_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Queued work of the old layout, in its order: an activity item becomes a one-activity range (it was
-- already filtered for its endpoint), an item with its own payload (event objects) an inline one.
INSERT INTO "queue_ranges" ("account_id", "endpoint_id", "first_activity_id", "last_activity_id", "payload", "count", "created_at")
SELECT e."account_id", q."endpoint_id",
       CASE WHEN q."payload" IS NULL THEN q."activity_id" END,
       CASE WHEN q."payload" IS NULL THEN q."activity_id" END,
       CASE WHEN q."payload" IS NOT NULL THEN '[' || q."payload" || ']' END,
       1, q."created_at"
  FROM "queue_items" q JOIN "endpoints" e ON e."id" = q."endpoint_id"
 WHERE q."payload" IS NOT NULL OR q."activity_id" IS NOT NULL
 ORDER BY q."id";

DROP TABLE "queue_items";

-- Each ingest request takes one value of the sequence and numbers its activities value + 0 … + 999
-- (≤ 1,000 per request, lib/delivery/enqueue.ts), so a request's activities form a range no other
-- request's activity can fall into.
ALTER SEQUENCE "activities_id_seq" INCREMENT BY 1000;
