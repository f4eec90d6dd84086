import { withApiKey } from '@/lib/auth/route';
import { parseQuery } from '@/lib/http/errors';
import { eventListQuerySchema } from '@/lib/events/schema';
import { ingestEvents, listEvents, readEventsBody } from '@/lib/events/service';

export const POST = withApiKey(async ({ req, accountId }) => Response.json(await ingestEvents(accountId, await readEventsBody(req)), { status: 202 }));

export const GET = withApiKey(async ({ req, accountId }) => listEvents(accountId, parseQuery(req, eventListQuerySchema)));
