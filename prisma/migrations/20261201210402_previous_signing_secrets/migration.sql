-- Every rotated-out signing secret stays valid until its own expiry (issue 11, item 13): a list of
-- { secretEnc, until } replaces the single previous secret, which a second rotation within 24 hours
-- used to drop at once. endpoints is a small table: one transaction.

-- AlterTable
ALTER TABLE "endpoints" ADD COLUMN "previous_secrets" JSONB NOT NULL DEFAULT '[]';

UPDATE "endpoints"
   SET "previous_secrets" = jsonb_build_array(jsonb_build_object(
         'secretEnc', "previous_secret_enc",
         'until', to_char("previous_secret_until" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
 WHERE "previous_secret_enc" IS NOT NULL AND "previous_secret_until" > now();

ALTER TABLE "endpoints" DROP COLUMN "previous_secret_enc", DROP COLUMN "previous_secret_until";
