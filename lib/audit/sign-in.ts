// Sign-ins for the audit trail: a success is recorded in the account signed into; a failure for an
// existing user's email in each of that user's accounts (an unknown email belongs to no account).
import { db } from '@/lib/db';
import { clientAddress } from '@/lib/http/forwarded';
import { recordAuditAlone } from './service';

export async function recordSignIn(req: Request, email: string, success: { userId: string; accountId: string } | null): Promise<void> {
  const address = clientAddress(req);
  if (success) {
    const actor = { kind: 'user' as const, id: success.userId, name: email, address };
    await recordAuditAlone({ accountId: success.accountId, action: 'signed_in', target: { kind: 'user', id: success.userId, name: email }, actor });
    return;
  }
  const user = await db().user.findUnique({ where: { email }, select: { id: true, memberships: { select: { accountId: true } } } });
  if (!user) return;
  const actor = { kind: 'user' as const, id: null, name: email, address };
  for (const { accountId } of user.memberships) {
    await recordAuditAlone({ accountId, action: 'sign_in_failed', target: { kind: 'user', id: user.id, name: email }, actor });
  }
}
