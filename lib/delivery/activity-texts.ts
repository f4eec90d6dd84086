// The stored activities' JSON texts as a worker remembers them. A stored activity never changes, so a
// text read once serves every endpoint that takes the same activity: with N endpoints on one account,
// each activity was read from PostgreSQL N times, now it is read about once (and the endpoints that
// start together wait for that one read instead of making their own). Bounded by bytes (lru-cache),
// the least recently used go first; a text forgotten is simply read again.
import type pg from 'pg';
import { LRUCache } from 'lru-cache';

export type ActivityText = { text: string; bytes: number };

/** Bytes of activity text a worker keeps: what endpoints moving together need (S3: 2 MB), small beside the
 *  worker's 256 MB budget. */
export const ACTIVITY_TEXTS_MAX_BYTES = 8 * 1024 * 1024;

type Memory = { texts: LRUCache<string, ActivityText>; reading: Map<string, Promise<Map<string, ActivityText>>> };
// Per pool: activity ids are only unique within one database, and a new pool may be a new database.
const memories = new WeakMap<pg.Pool, Memory>();

function memoryOf(q: pg.Pool): Memory {
  let m = memories.get(q);
  if (!m) {
    m = { texts: new LRUCache({ maxSize: ACTIVITY_TEXTS_MAX_BYTES, sizeCalculation: (t) => Math.max(1, t.bytes) }), reading: new Map() };
    memories.set(q, m);
  }
  return m;
}

async function read(q: pg.Pool, m: Memory, ids: string[]): Promise<Map<string, ActivityText>> {
  const { rows } = await q.query<{ id: string; payload: string }>({
    name: 'hl_activity_texts',
    text: `SELECT id::text, payload::text FROM activities WHERE id = ANY($1::bigint[])`,
    values: [ids],
  });
  const got = new Map<string, ActivityText>();
  for (const r of rows) {
    const t = { text: r.payload, bytes: Buffer.byteLength(r.payload) };
    got.set(r.id, t);
    m.texts.set(r.id, t);
  }
  return got;
}

/**
 * The texts of the stored activities `ids` (bigint ids as text), in the same order: the remembered
 * ones from memory, those another caller is reading from that read, the rest in ONE read. An id
 * that is not stored is an error: queued activities are kept by retention (lib/delivery/retention.ts),
 * so it means a broken queue, not a purged activity.
 */
export async function activityTexts(q: pg.Pool, ids: readonly string[]): Promise<ActivityText[]> {
  const m = memoryOf(q);
  const out: (ActivityText | undefined)[] = ids.map((id) => m.texts.get(id));
  const waits = new Map<Promise<Map<string, ActivityText>>, number[]>();
  const missing = new Set<string>();
  const missingAt: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (out[i] !== undefined) continue;
    const inFlight = m.reading.get(ids[i]);
    if (inFlight) {
      const at = waits.get(inFlight);
      if (at) at.push(i);
      else waits.set(inFlight, [i]);
    } else {
      missing.add(ids[i]);
      missingAt.push(i);
    }
  }
  if (missing.size > 0) {
    const mine = read(q, m, [...missing]);
    for (const id of missing) m.reading.set(id, mine);
    waits.set(mine, missingAt);
    const done = () => missing.forEach((id) => m.reading.get(id) === mine && m.reading.delete(id));
    void mine.then(done, done);
  }
  for (const [reading, at] of waits) {
    const got = await reading;
    for (const i of at) out[i] = got.get(ids[i]);
  }
  const absent = ids.find((_, i) => out[i] === undefined);
  if (absent !== undefined) throw new Error(`Activity ${absent} is queued but not stored`);
  return out as ActivityText[];
}
