-- hookline:no-transaction
-- The Webhook logs show a workflow run's webhook requests, linked to their run (issue 10). attempts is
-- big: the index is built without locking writes, and every statement is safe to repeat.
ALTER TABLE "attempts" ADD COLUMN IF NOT EXISTS "workflow_run_id" UUID;

CREATE INDEX CONCURRENTLY IF NOT EXISTS "attempts_workflow_run_id_idx" ON "attempts"("workflow_run_id");
