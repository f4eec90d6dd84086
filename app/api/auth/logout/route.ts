import { withPublic } from '@/lib/auth/route';
import { getSession } from '@/lib/auth/session';

export const POST = withPublic(async () => {
  (await getSession()).destroy();
  return { ok: true };
});
