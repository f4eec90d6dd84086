import { withAccount } from '@/lib/auth/route';
import { parseQuery } from '@/lib/http/errors';
import { readIngestBody } from '@/lib/activities/ingest';
import { ingestActivities, listActivitiesJson } from '@/lib/activities/service';
import { activityQuerySchema } from '@/lib/activities/query';

export const POST = withAccount(async ({ req, accountId }) => {
  const { accepted } = await ingestActivities(accountId, await readIngestBody(req));
  return Response.json({ accepted }, { status: 202 });
});

export const GET = withAccount(async ({ req, accountId }) => {
  const body = await listActivitiesJson(accountId, parseQuery(req, activityQuerySchema));
  return new Response(body, { headers: { 'content-type': 'application/json' } });
});
