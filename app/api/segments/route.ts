import { withAccount } from '@/lib/auth/route';
import { parseBody } from '@/lib/http/errors';
import { segmentCreateSchema } from '@/lib/contacts/schema';
import { createSegment, listSegments } from '@/lib/contacts/service';

export const GET = withAccount(async ({ accountId }) => ({ segments: await listSegments(accountId) }));

export const POST = withAccount(async ({ req, accountId }) => {
  const segment = await createSegment(accountId, await parseBody(req, segmentCreateSchema));
  return Response.json({ segment }, { status: 201 });
});
