import { withAccount } from '@/lib/auth/route';
import { parseQuery } from '@/lib/http/errors';
import { eventListQuerySchema } from '@/lib/events/schema';
import { listEvents } from '@/lib/events/service';

export const GET = withAccount(async ({ req, accountId }) => listEvents(accountId, parseQuery(req, eventListQuerySchema)));
