// Audit → Account activity: recordAudit writes an entry in the transaction of the change it records
// (a rolled-back change leaves none); listAudit and auditCsvStream read them, newest first, in keyset
// pages over the (account_id, at desc, id desc) index. Entries hold names, never secret values.
import type pg from 'pg';
import { pool } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { BIGINT_ID, decodeCursor, encodeCursor } from '@/lib/http/cursor';
import { likePattern } from '@/lib/logs/query';
import { pagedCsvStream } from '@/lib/logs/csv';
import { currentActor, type Actor } from './context';
import { ACTION_LABEL, CSV_MAX_ROWS, TARGET_LABEL, type AuditAction, type AuditFilter, type AuditPage, type AuditRow, type AuditTargetKind } from './schema';

/** A Prisma interactive transaction, or a pg client inside BEGIN … COMMIT. */
export type AuditTx = Prisma.TransactionClient | Pick<pg.PoolClient, 'query'>;

export type AuditEvent = {
  accountId: string;
  action: AuditAction;
  target: { kind: AuditTargetKind; id?: string | null; name?: string | null };
  /** Names of the fields a change touched (never their values). */
  fields?: string[];
  /** Defaults to the request's actor (lib/audit/context.ts). */
  actor?: Actor;
};

const INSERT = `INSERT INTO audit_entries (account_id, actor_kind, actor_id, actor_name, action, target_kind, target_id, target_name, address, details)
                VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6, $7, $8, $9, $10::jsonb)`;

export async function recordAudit(tx: AuditTx, e: AuditEvent): Promise<void> {
  const actor = e.actor ?? currentActor();
  const values = [
    e.accountId,
    actor.kind,
    actor.id,
    actor.name,
    e.action,
    e.target.kind,
    e.target.id ?? null,
    e.target.name ?? null,
    actor.address,
    e.fields?.length ? JSON.stringify({ fields: e.fields }) : null,
  ];
  if ('$executeRawUnsafe' in tx) await tx.$executeRawUnsafe(INSERT, ...values);
  else await tx.query(INSERT, values);
}

/** Records in a transaction of its own: for acts that change nothing else (sign-in, a test request). */
export async function recordAuditAlone(e: AuditEvent): Promise<void> {
  await recordAudit(pool(), e);
}

type Row = {
  id: string;
  at: Date;
  actor_kind: AuditRow['actorKind'];
  actor_name: string;
  action: AuditAction;
  target_kind: AuditTargetKind;
  target_id: string | null;
  target_name: string | null;
  address: string | null;
  details: { fields?: string[] } | null;
};

export async function queryAuditPage(accountId: string, f: Partial<AuditFilter>, { limit, cursor }: { limit: number; cursor?: string | null }): Promise<AuditPage> {
  const params: unknown[] = [accountId];
  const add = (v: unknown) => `$${params.push(v)}`;
  const conds = ['account_id = $1'];
  if (f.actor) conds.push(`actor_name ILIKE ${add(likePattern(f.actor))}`);
  if (f.action) conds.push(`action = ${add(f.action)}`);
  if (f.targetKind) conds.push(`target_kind = ${add(f.targetKind)}`);
  if (f.from) conds.push(`at >= ${add(new Date(f.from))}`);
  if (f.to) conds.push(`at < ${add(new Date(f.to))}`);
  if (cursor) {
    const c = decodeCursor(cursor, BIGINT_ID);
    conds.push(`(at, id) < (${add(new Date(c.t))}::timestamptz, ${add(c.id)}::bigint)`);
  }
  const { rows } = await pool().query<Row>(
    `SELECT id::text, at, actor_kind, actor_name, action, target_kind, target_id, target_name, address, details
       FROM audit_entries WHERE ${conds.join(' AND ')} ORDER BY at DESC, id DESC LIMIT ${add(limit + 1)}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorKind: r.actor_kind,
      actorName: r.actor_name,
      action: r.action,
      targetKind: r.target_kind,
      targetId: r.target_id,
      targetName: r.target_name,
      address: r.address,
      fields: r.details?.fields ?? [],
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.at.toISOString(), id: last.id }) : null,
  };
}

export const AUDIT_CSV_HEADER = ['Date', 'Actor kind', 'Actor', 'Address', 'Action', 'Target kind', 'Target', 'Target ID', 'Changed fields'];

/** The filtered activity as CSV, streamed page by page like the Webhook logs' export. */
export function auditCsvStream(accountId: string, filter: AuditFilter, maxRows = CSV_MAX_ROWS): ReadableStream<Uint8Array> {
  return pagedCsvStream(
    AUDIT_CSV_HEADER,
    (limit, cursor) => queryAuditPage(accountId, filter, { limit, cursor }),
    (r) => [r.at, r.actorKind, r.actorName, r.address, ACTION_LABEL[r.action] ?? r.action, TARGET_LABEL[r.targetKind] ?? r.targetKind, r.targetName, r.targetId, r.fields.join(' ')],
    { maxRows },
  );
}

export const auditCsvFileName = (now = new Date()) => `account-activity-${now.toISOString().slice(0, 16).replace(/[:T]/g, '-')}.csv`;
