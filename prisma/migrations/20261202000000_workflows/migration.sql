-- Automation → Workflows (issue 10): workflows and their saved versions, runs as durable rows claimed by
-- workers like endpoints, what each block of a run did, and per-second rate slots of request webhooks.

-- AlterTable: how fast and how wide runs may call a request webhook; a 429's Retry-After.
ALTER TABLE "request_webhooks" ADD COLUMN "rate_limit" INTEGER DEFAULT 10,
ADD COLUMN "max_concurrency" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN "throttled_until" TIMESTAMPTZ(3);


-- CreateTable
CREATE TABLE "workflows" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "trigger_event_type" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "definition" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow_versions" (
    "workflow_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflow_versions_pkey" PRIMARY KEY ("workflow_id","version")
);

-- CreateTable
CREATE TABLE "workflow_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "workflow_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "event_id" BIGINT,
    "event_type_key" TEXT NOT NULL,
    "event_key" TEXT,
    "event_params" JSONB NOT NULL DEFAULT '{}',
    "contact_id" UUID,
    "contact_email" TEXT,
    "status" TEXT NOT NULL DEFAULT 'running',
    "reason" TEXT,
    "step" INTEGER NOT NULL DEFAULT 0,
    "tries" INTEGER NOT NULL DEFAULT 0,
    "data" JSONB NOT NULL DEFAULT '{}',
    "due_at" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMPTZ(3),
    "lease_owner" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflow_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow_run_steps" (
    "id" BIGSERIAL NOT NULL,
    "account_id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "block_id" TEXT NOT NULL,
    "block_index" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "try" INTEGER NOT NULL DEFAULT 1,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "duration_ms" INTEGER NOT NULL DEFAULT 0,
    "request" JSONB,
    "response" JSONB,
    "data_added" JSONB,
    "message" JSONB,
    "error" TEXT,
    "attempt_id" BIGINT,

    CONSTRAINT "workflow_run_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow_rate_slots" (
    "webhook_id" UUID NOT NULL,
    "second" TIMESTAMPTZ(0) NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "workflow_rate_slots_pkey" PRIMARY KEY ("webhook_id","second")
);


-- CreateIndex
CREATE INDEX "workflows_active_trigger" ON "workflows"("account_id", "trigger_event_type") WHERE (active);

-- CreateIndex
CREATE UNIQUE INDEX "workflows_account_id_name_key" ON "workflows"("account_id", "name");

-- CreateIndex
CREATE INDEX "workflow_runs_account_id_started_at_id_idx" ON "workflow_runs"("account_id", "started_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "workflow_runs_workflow_id_started_at_id_idx" ON "workflow_runs"("workflow_id", "started_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "workflow_runs_due" ON "workflow_runs"("due_at") WHERE (due_at IS NOT NULL);

-- CreateIndex
CREATE INDEX "workflow_run_steps_run_id_id_idx" ON "workflow_run_steps"("run_id", "id");


-- AddForeignKey
ALTER TABLE "workflows" ADD CONSTRAINT "workflows_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_versions" ADD CONSTRAINT "workflow_versions_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_runs" ADD CONSTRAINT "workflow_runs_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_runs" ADD CONSTRAINT "workflow_runs_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_run_steps" ADD CONSTRAINT "workflow_run_steps_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "workflow_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_rate_slots" ADD CONSTRAINT "workflow_rate_slots_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "request_webhooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
