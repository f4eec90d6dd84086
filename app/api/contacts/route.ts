import { withAccount } from '@/lib/auth/route';
import { parseBody, parseQuery } from '@/lib/http/errors';
import { contactCreateSchema, contactSearchSchema } from '@/lib/contacts/schema';
import { createContact, searchContacts } from '@/lib/contacts/service';

export const GET = withAccount(async ({ req, accountId }) => searchContacts(accountId, parseQuery(req, contactSearchSchema)));

export const POST = withAccount(async ({ req, accountId }) => {
  const contact = await createContact(accountId, await parseBody(req, contactCreateSchema));
  return Response.json({ contact }, { status: 201 });
});
