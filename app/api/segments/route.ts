import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { segmentCreateSchema } from '@/lib/contacts/schema';
import { createSegment, listSegments } from '@/lib/contacts/service';

export const GET = withAccount(async ({ account }) => ({ segments: await listSegments(account.id) }));

export const POST = withAccount(async ({ req, account }) => {
  const segment = await createSegment(account.id, await parseBody(req, segmentCreateSchema));
  return Response.json({ segment }, { status: 201 });
});
