import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { contactUpdateSchema } from '@/lib/contacts/schema';
import { getContact, updateContact } from '@/lib/contacts/service';

export const GET = withAccount(async ({ accountId, params }) => ({ contact: await getContact(accountId, params.id) }));

export const PATCH = withAccount(async ({ req, accountId, params }) => ({
  contact: await updateContact(accountId, params.id, await parseBody(req, contactUpdateSchema)),
}));
