import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { contactUpdateSchema } from '@/lib/contacts/schema';
import { getContact, updateContact } from '@/lib/contacts/service';

export const GET = withAccount(async ({ account, params }) => ({ contact: await getContact(account.id, params.id) }));

export const PATCH = withAccount(async ({ req, account, params }) => ({
  contact: await updateContact(account.id, params.id, await parseBody(req, contactUpdateSchema)),
}));
