-- Endpoints, activities, the delivery queue and the attempt log (issue: delivery engine).

-- CreateTable
CREATE TABLE "endpoints" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "statuses" TEXT[],
    "format" TEXT NOT NULL DEFAULT 'array',
    "auth_login" TEXT,
    "auth_password_enc" TEXT,
    "headers" JSONB NOT NULL DEFAULT '[]',
    "signing_secret_enc" TEXT NOT NULL,
    "previous_secret_enc" TEXT,
    "previous_secret_until" TIMESTAMPTZ(3),
    "next_seq" BIGINT NOT NULL DEFAULT 1,
    "work_version" BIGINT NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "lease_until" TIMESTAMPTZ(3),
    "lease_owner" TEXT,
    "blocked_since" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activities" (
    "id" BIGSERIAL NOT NULL,
    "account_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "media_type" TEXT,
    "email" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" JSON NOT NULL,

    CONSTRAINT "activities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "queue_items" (
    "id" BIGSERIAL NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "activity_id" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queue_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "body" TEXT NOT NULL,
    "activity_count" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_status" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attempts" (
    "id" BIGSERIAL NOT NULL,
    "account_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "delivery_id" UUID,
    "attempt_no" INTEGER NOT NULL,
    "is_test" BOOLEAN NOT NULL DEFAULT false,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL,
    "request_method" TEXT NOT NULL,
    "request_url" TEXT NOT NULL,
    "request_headers" JSONB NOT NULL,
    "request_body" TEXT,
    "response_status" INTEGER,
    "response_headers" JSONB,
    "response_body" TEXT,
    "error_kind" TEXT,
    "error" TEXT,

    CONSTRAINT "attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "endpoints_next_attempt_at_idx" ON "endpoints"("next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "endpoints_account_id_kind_name_key" ON "endpoints"("account_id", "kind", "name");

-- CreateIndex
CREATE INDEX "activities_account_id_occurred_at_id_idx" ON "activities"("account_id", "occurred_at", "id");

-- CreateIndex
CREATE INDEX "activities_received_at_idx" ON "activities"("received_at");

-- CreateIndex
CREATE INDEX "queue_items_endpoint_id_activity_id_idx" ON "queue_items"("endpoint_id", "activity_id");

-- CreateIndex
CREATE INDEX "deliveries_endpoint_id_status_seq_idx" ON "deliveries"("endpoint_id", "status", "seq");

-- CreateIndex
CREATE INDEX "deliveries_status_delivered_at_idx" ON "deliveries"("status", "delivered_at");

-- CreateIndex
CREATE UNIQUE INDEX "deliveries_endpoint_id_seq_key" ON "deliveries"("endpoint_id", "seq");

-- CreateIndex
CREATE INDEX "attempts_account_id_started_at_id_idx" ON "attempts"("account_id", "started_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "attempts_endpoint_id_started_at_idx" ON "attempts"("endpoint_id", "started_at");

-- CreateIndex
CREATE INDEX "attempts_delivery_id_idx" ON "attempts"("delivery_id");

-- CreateIndex
CREATE INDEX "attempts_started_at_idx" ON "attempts"("started_at");

-- AddForeignKey
ALTER TABLE "endpoints" ADD CONSTRAINT "endpoints_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
