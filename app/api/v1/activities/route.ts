import { withAccount } from '@/lib/auth/route';
import { parseQuery } from '@/lib/http/errors';
import { readBatch } from '@/lib/http/batch';
import { activityBatch } from '@/lib/activities/schema';
import { ingestActivities, listActivitiesJson } from '@/lib/activities/service';
import { activityQuerySchema } from '@/lib/activities/query';

export const POST = withAccount(async ({ req, accountId }) => {
  const { accepted } = await ingestActivities(accountId, await readBatch(req, activityBatch));
  return Response.json({ accepted }, { status: 202 });
});

export const GET = withAccount(async ({ req, accountId }) => {
  const body = await listActivitiesJson(accountId, parseQuery(req, activityQuerySchema));
  return new Response(body, { headers: { 'content-type': 'application/json' } });
});
