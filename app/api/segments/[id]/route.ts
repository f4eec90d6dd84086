import { withAccount } from '@/lib/auth/route';
import { deleteSegment } from '@/lib/contacts/service';

export const DELETE = withAccount(async ({ accountId, params }) => {
  await deleteSegment(accountId, params.id);
});
