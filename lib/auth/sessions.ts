// Server-side browser sessions. The sealed cookie (lib/auth/session.ts) carries only a row id; every
// request reads the row by primary key, so logout, *Sign out everywhere* and a password reset take
// effect at once in every process. The cheap part: last_seen_at (and with it the idle expiry) is
// written at most once a minute per session, not on every request.
import { db } from '@/lib/db';
import { config } from '@/lib/config';
import type { Prisma } from '@/lib/generated/prisma/client';
import { describeUserAgent } from './user-agent';

/** last_seen_at is rewritten only when older than this, which bounds the idle timeout's precision. */
export const TOUCH_INTERVAL_MS = 60_000;
const MAX_USER_AGENT_LENGTH = 512;

export type ActiveSession = { id: string; userId: string; accountId: string | null; user: { id: string; email: string; name: string } };

export type SessionView = {
  id: string;
  device: string;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
};

export async function startSession(input: { userId: string; accountId: string; ip: string | null; userAgent: string | null }): Promise<{ id: string }> {
  const { HOOKLINE_SESSION_IDLE_SECONDS, HOOKLINE_SESSION_MAX_AGE_SECONDS } = config();
  const now = Date.now();
  // Ended sessions are kept a day (a sign-out shows up in the list's history no longer than that) and
  // pruned per user at each sign-in, so the table stays the size of the live sessions.
  const dayAgo = new Date(now - 24 * 60 * 60 * 1000);
  await db().session.deleteMany({
    where: { userId: input.userId, OR: [{ revokedAt: { lt: dayAgo } }, { expiresAt: { lt: dayAgo } }, { idleExpiresAt: { lt: dayAgo } }] },
  });
  return db().session.create({
    data: {
      userId: input.userId,
      accountId: input.accountId,
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      expiresAt: new Date(now + HOOKLINE_SESSION_MAX_AGE_SECONDS * 1000),
      idleExpiresAt: new Date(now + HOOKLINE_SESSION_IDLE_SECONDS * 1000),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null,
    },
    select: { id: true },
  });
}

/** The live session with this id and its user, or null when it is unknown, revoked, idle too long or
 *  past its lifetime. Refreshes last_seen_at at most once a minute. */
export async function resolveSession(id: string): Promise<ActiveSession | null> {
  const row = await db().session.findUnique({
    where: { id },
    select: {
      id: true,
      userId: true,
      accountId: true,
      lastSeenAt: true,
      expiresAt: true,
      idleExpiresAt: true,
      revokedAt: true,
      user: { select: { id: true, email: true, name: true } },
    },
  });
  const now = Date.now();
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now || row.idleExpiresAt.getTime() <= now) return null;
  if (now - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db().session.updateMany({
      where: { id, revokedAt: null },
      data: { lastSeenAt: new Date(now), idleExpiresAt: new Date(now + config().HOOKLINE_SESSION_IDLE_SECONDS * 1000) },
    });
  }
  return { id: row.id, userId: row.userId, accountId: row.accountId, user: row.user };
}

/** Logout: ends this one session. */
export async function endSession(id: string): Promise<void> {
  await db().session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** *Sign out* on one row of the user's sessions list; false when it is not one of theirs. */
export async function endUserSession(userId: string, id: string): Promise<boolean> {
  const { count } = await db().session.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count > 0;
}

/** *Sign out everywhere* and password resets: ends every session of the user. */
export async function endAllSessions(userId: string, tx: Prisma.TransactionClient = db()): Promise<number> {
  const { count } = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

export async function setSessionAccount(id: string, accountId: string): Promise<void> {
  await db().session.update({ where: { id }, data: { accountId } });
}

/** The user's live sessions, most recently used first, for Settings → Sessions. */
export async function listSessions(userId: string, currentId: string): Promise<SessionView[]> {
  const now = new Date();
  const rows = await db().session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now }, idleExpiresAt: { gt: now } },
    orderBy: { lastSeenAt: 'desc' },
  });
  return rows.map((s) => ({
    id: s.id,
    device: describeUserAgent(s.userAgent),
    ip: s.ip,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    current: s.id === currentId,
  }));
}
