-- Webhook logs (Audit → Webhook logs): keyset pages of failed attempts, per account and per endpoint,
-- ordered by (started_at desc, id desc) without scanning the successes in between.

-- CreateIndex
CREATE INDEX "attempts_account_id_success_is_test_started_at_id_idx" ON "attempts"("account_id", "success", "is_test", "started_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "attempts_endpoint_id_success_is_test_started_at_id_idx" ON "attempts"("endpoint_id", "success", "is_test", "started_at" DESC, "id" DESC);
