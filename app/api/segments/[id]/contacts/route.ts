import { withAccount } from '@/lib/auth/route';
import { parseQuery } from '@/lib/http/errors';
import { contactSearchSchema } from '@/lib/contacts/schema';
import { contactsInSegment } from '@/lib/contacts/service';

const querySchema = contactSearchSchema.omit({ segmentId: true });

export const GET = withAccount(async ({ req, account, params }) => contactsInSegment(account.id, params.id, parseQuery(req, querySchema)));
