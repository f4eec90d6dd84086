// The rules every change to an event webhook obeys, whichever route makes it: HTTPS only, editable
// only while inactive, one active webhook per event type.
import type pg from 'pg';
import { ApiError } from '@/lib/http/errors';
import { eventTypeLabel, httpsUrlSchema } from './schema';

export async function activeOfType(client: pg.PoolClient | pg.Pool, accountId: string, eventType: string, exceptId?: string) {
  const { rows } = await client.query<{ id: string; name: string }>(
    `SELECT id, name FROM endpoints WHERE account_id = $1 AND kind = 'event' AND active AND event_type = $2 AND ($3::uuid IS NULL OR id <> $3) LIMIT 1`,
    [accountId, eventType, exceptId ?? null],
  );
  return rows[0] ?? null;
}

export const uniquenessMessage = (eventType: string, other: { name: string }) =>
  `“${other.name}” is already the active webhook for ${eventTypeLabel(eventType)}. Deactivate it first.`;

/** The one 409 for a second active webhook of a type, whether the early check or the index caught it. */
export function oneActiveConflict(eventType: string, other: { name: string }): ApiError {
  const message = uniquenessMessage(eventType, other);
  return new ApiError('conflict', message, { eventType: [message] });
}

/** Event webhooks' own rules for a change made through any route (also /api/v1/endpoints). */
export async function assertEventWebhookChange(
  client: pg.PoolClient | pg.Pool,
  current: { accountId: string; id: string; active: boolean; eventType: string | null },
  patch: { url?: string; name?: string; active?: boolean; eventType?: string; [k: string]: unknown },
): Promise<void> {
  const editing = Object.entries(patch).some(([k, v]) => k !== 'active' && v !== undefined);
  if (editing && current.active && patch.active !== false) {
    throw new ApiError('conflict', 'Deactivate the webhook to edit it');
  }
  if (patch.url !== undefined) {
    const https = httpsUrlSchema.safeParse(patch.url);
    if (!https.success) throw new ApiError('unprocessable_entity', 'Some fields are invalid', { url: https.error.issues.map((i) => i.message) });
  }
  if (patch.active === true && !current.active) {
    const eventType = patch.eventType ?? current.eventType ?? '';
    const other = await activeOfType(client, current.accountId, eventType, current.id);
    if (other) throw oneActiveConflict(eventType, other);
  }
}
