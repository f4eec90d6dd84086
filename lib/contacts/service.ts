// Contacts of an account and the segments over them. Reads and writes of single rows go through
// tenantDb; the search, the segment filter and the PATCH merge of `fields` are SQL with every value
// as a parameter, always narrowed to the account.
import { pool } from '@/lib/db';
import { tenantDb } from '@/lib/db/tenant';
import { inTransaction } from '@/lib/db/transaction';
import { ApiError, isUniqueViolation, nameTaken, notFound } from '@/lib/http/errors';
import { UUID_ID, decodeCursor, encodeCursor } from '@/lib/http/cursor';
import type { Contact, Prisma, Segment } from '@/lib/generated/prisma/client';
import {
  MAX_FIELDS,
  NO_IDENTIFIER_MESSAGE,
  type ContactCreate,
  type ContactView,
  type ContactFields,
  type ContactPage,
  type ContactSearch,
  type ContactUpdate,
  type SegmentCondition,
  type SegmentCreate,
  type SegmentView,
} from './schema';
import { conditionsSql, searchSql, SqlParams } from './query';

// ---- views --------------------------------------------------------------------------------------

/** A contacts row as raw SQL reads it (CONTACT_COLUMNS, aliased `c`). */
export type ContactRow = {
  id: string;
  email: string | null;
  phone: string | null;
  external_customer_id: string | null;
  first_name: string | null;
  last_name: string | null;
  fields: ContactFields;
  created_at: Date;
};

export function toContactView(c: Contact): ContactView {
  return {
    id: c.id,
    email: c.email,
    phone: c.phone,
    externalCustomerId: c.externalCustomerId,
    firstName: c.firstName,
    lastName: c.lastName,
    fields: (c.fields ?? {}) as ContactFields,
    createdAt: c.createdAt.toISOString(),
  };
}

export const rowToView = (r: ContactRow): ContactView => ({
  id: r.id,
  email: r.email,
  phone: r.phone,
  externalCustomerId: r.external_customer_id,
  firstName: r.first_name,
  lastName: r.last_name,
  fields: r.fields ?? {},
  createdAt: r.created_at.toISOString(),
});

const toSegmentView = (s: Segment): SegmentView => ({
  id: s.id,
  name: s.name,
  conditions: s.conditions as SegmentCondition[],
  createdAt: s.createdAt.toISOString(),
});

// ---- contacts -----------------------------------------------------------------------------------

const duplicateExternalId = (id: string | null | undefined) => {
  const message = `Another contact already has the external customer ID “${id}”`;
  return new ApiError('conflict', message, { externalCustomerId: [message] });
};

export async function createContact(accountId: string, input: ContactCreate): Promise<ContactView> {
  try {
    const created = await tenantDb(accountId).contact.create({
      data: {
        accountId,
        email: input.email ?? null,
        phone: input.phone ?? null,
        externalCustomerId: input.externalCustomerId ?? null,
        firstName: input.firstName ?? null,
        lastName: input.lastName ?? null,
        fields: input.fields as Prisma.InputJsonObject,
      },
    });
    return toContactView(created);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateExternalId(input.externalCustomerId);
    throw err;
  }
}

export async function getContact(accountId: string, id: string): Promise<ContactView> {
  const found = await tenantDb(accountId).contact.findUnique({ where: { id } });
  if (!found) throw notFound('Contact');
  return toContactView(found);
}

export const CONTACT_COLUMNS = 'c.id, c.email, c.phone, c.external_customer_id, c.first_name, c.last_name, c.fields, c.created_at';

/**
 * PATCH: only the properties sent change; `fields` is merged into the stored ones in the same
 * statement (a null value removes that field), so concurrent patches of different fields both land.
 */
export async function updateContact(accountId: string, id: string, patch: ContactUpdate): Promise<ContactView> {
  const p = new SqlParams(id, accountId);
  const sets: string[] = ['updated_at = now()'];
  const columns = { email: 'email', phone: 'phone', externalCustomerId: 'external_customer_id', firstName: 'first_name', lastName: 'last_name' } as const;
  for (const [key, column] of Object.entries(columns) as [keyof typeof columns, string][]) {
    if (patch[key] !== undefined) sets.push(`${column} = ${p.add(patch[key])}`);
  }
  if (patch.fields) {
    const entries = Object.entries(patch.fields);
    const set = Object.fromEntries(entries.filter(([, v]) => v !== null));
    const removed = entries.filter(([, v]) => v === null).map(([k]) => k);
    sets.push(`fields = (fields || ${p.add(JSON.stringify(set))}::jsonb) - ${p.add(removed)}::text[]`);
  }
  try {
    return await inTransaction(async (client) => {
      const { rows } = await client.query<ContactRow>(
        `UPDATE contacts c SET ${sets.join(', ')} WHERE c.id = $1 AND c.account_id = $2 RETURNING ${CONTACT_COLUMNS}`,
        p.values,
      );
      const row = rows[0];
      if (!row) throw notFound('Contact');
      if (!row.email && !row.phone && !row.external_customer_id) {
        throw new ApiError('unprocessable_entity', 'Some fields are invalid', { email: [NO_IDENTIFIER_MESSAGE] });
      }
      if (Object.keys(row.fields).length > MAX_FIELDS) {
        throw new ApiError('unprocessable_entity', 'Some fields are invalid', { fields: [`At most ${MAX_FIELDS} fields`] });
      }
      return rowToView(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateExternalId(patch.externalCustomerId);
    throw err;
  }
}


/** Newest first, keyset-paginated by (created_at, id); `conditions` narrows to a segment. */
async function queryContacts(accountId: string, search: ContactSearch, conditions: SegmentCondition[] = []): Promise<ContactPage> {
  const p = new SqlParams(accountId);
  const where = ['c.account_id = $1'];
  if (search.q) where.push(searchSql(search.q, p));
  if (conditions.length) where.push(conditionsSql(conditions, p));
  if (search.cursor) {
    const after = decodeCursor(search.cursor, UUID_ID);
    where.push(`(c.created_at, c.id) < (${p.add(after.t)}::timestamptz, ${p.add(after.id)}::uuid)`);
  }
  const { rows } = await pool().query<ContactRow>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT ${p.add(search.limit + 1)}`,
    p.values,
  );
  const page = rows.slice(0, search.limit);
  const last = page.at(-1);
  return {
    contacts: page.map(rowToView),
    nextCursor: rows.length > search.limit && last ? encodeCursor({ t: last.created_at.toISOString(), id: last.id }) : null,
  };
}

/** The search box (email, phone or name) and, with `segmentId`, only the segment's contacts. */
export async function searchContacts(accountId: string, search: ContactSearch): Promise<ContactPage> {
  const conditions = search.segmentId ? (await getSegment(accountId, search.segmentId)).conditions : [];
  return queryContacts(accountId, search, conditions);
}

// ---- segments -----------------------------------------------------------------------------------

export async function createSegment(accountId: string, input: SegmentCreate): Promise<SegmentView> {
  try {
    const created = await tenantDb(accountId).segment.create({
      data: { accountId, name: input.name, conditions: input.conditions as Prisma.InputJsonArray },
    });
    return toSegmentView(created);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken('segment', input.name);
    throw err;
  }
}

const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** By name, as people read it (case-insensitive, numbers in order). */
export async function listSegments(accountId: string): Promise<SegmentView[]> {
  const rows = await tenantDb(accountId).segment.findMany();
  return rows.map(toSegmentView).sort((a, b) => byName.compare(a.name, b.name));
}

export async function getSegment(accountId: string, id: string): Promise<SegmentView> {
  const found = await tenantDb(accountId).segment.findUnique({ where: { id } });
  if (!found) throw notFound('Segment');
  return toSegmentView(found);
}

/** The segment's contacts, optionally searched within; 404 for another account's segment. */
export async function contactsInSegment(accountId: string, segmentId: string, search: Omit<ContactSearch, 'segmentId'>): Promise<ContactPage> {
  return searchContacts(accountId, { ...search, segmentId });
}

export async function deleteSegment(accountId: string, id: string): Promise<void> {
  const { count } = await tenantDb(accountId).segment.deleteMany({ where: { id } });
  if (count === 0) throw notFound('Segment');
}
