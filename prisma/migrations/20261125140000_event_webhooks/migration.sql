-- Event webhooks (one event type each) and queue items that carry a prepared JSON object.

-- AlterTable
ALTER TABLE "endpoints" ADD COLUMN "event_type" TEXT;

-- AlterTable
ALTER TABLE "queue_items" ADD COLUMN "payload" TEXT,
ALTER COLUMN "activity_id" DROP NOT NULL;

-- DropIndex
DROP INDEX "queue_items_endpoint_id_activity_id_idx";

-- CreateIndex
CREATE INDEX "queue_items_endpoint_id_id_idx" ON "queue_items"("endpoint_id", "id");
