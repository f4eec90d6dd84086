import { withAccount } from '@/lib/auth/route';
import { deleteSegment } from '@/lib/contacts/service';

export const DELETE = withAccount(async ({ account, params }) => {
  await deleteSegment(account.id, params.id);
});
