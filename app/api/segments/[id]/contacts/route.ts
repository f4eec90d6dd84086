import { withAccount } from '@/lib/auth/route';
import { parseQuery } from '@/lib/http/errors';
import { contactSearchSchema } from '@/lib/contacts/schema';
import { contactsInSegment } from '@/lib/contacts/service';

const querySchema = contactSearchSchema.omit({ segmentId: true });

export const GET = withAccount(async ({ req, accountId, params }) => contactsInSegment(accountId, params.id, parseQuery(req, querySchema)));
