// Custom events: ingest here; the list is the screens' route (the same handler, reached with an API key).
import { withAccount } from '@/lib/auth/route';
import { readBatch } from '@/lib/http/batch';
import { eventBatch } from '@/lib/events/schema';
import { ingestEvents } from '@/lib/events/service';

export { GET } from '@/app/api/events/route';

export const POST = withAccount(async ({ req, accountId }) => Response.json(await ingestEvents(accountId, await readBatch(req, eventBatch)), { status: 202 }));
