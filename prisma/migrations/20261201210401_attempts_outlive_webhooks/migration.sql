-- hookline:no-transaction
-- Deleting a webhook no longer deletes its attempt logs (issue 11, item 16): the attempts keep their
-- endpoint_id without a foreign key, get the webhook's name and kind copied in at deletion, and lose
-- only the link to the deleted delivery (SET NULL). attempts is the biggest table, so this runs
-- outside a transaction: the new foreign key is added NOT VALID (no scan under the table lock) and
-- validated in its own statement, which lets writes go on. Every statement is safe to repeat.

-- AlterTable
ALTER TABLE "attempts" ADD COLUMN IF NOT EXISTS "endpoint_name" TEXT, ADD COLUMN IF NOT EXISTS "endpoint_kind" TEXT;

-- DropForeignKey
ALTER TABLE "attempts" DROP CONSTRAINT IF EXISTS "attempts_endpoint_id_fkey";

-- AddForeignKey
ALTER TABLE "attempts" DROP CONSTRAINT IF EXISTS "attempts_delivery_id_fkey",
  ADD CONSTRAINT "attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE SET NULL ON UPDATE CASCADE NOT VALID;

ALTER TABLE "attempts" VALIDATE CONSTRAINT "attempts_delivery_id_fkey";
