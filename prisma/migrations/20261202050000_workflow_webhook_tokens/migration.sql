-- Rate limit and concurrency cap of request webhooks used by workflow runs (lib/workflows/rate.ts):
-- per-webhook tokens instead of per-second counters. A counter per calendar second lets 2× the limit
-- through across a second boundary and counts a request in the second it was granted, not the one it
-- arrived in; a rate token is free again only 1 s after its request was answered, so no 1-second
-- window sees more than the limit. Nothing used workflow_rate_slots yet.
DROP TABLE IF EXISTS "workflow_rate_slots";

-- CreateTable
CREATE TABLE "workflow_webhook_tokens" (
    "webhook_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "free_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflow_webhook_tokens_pkey" PRIMARY KEY ("webhook_id","kind","n")
);

-- AddForeignKey
ALTER TABLE "workflow_webhook_tokens" ADD CONSTRAINT "workflow_webhook_tokens_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "request_webhooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
