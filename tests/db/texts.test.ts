// Many texts in one parameter (lib/db/texts.ts), split by a real PostgreSQL: every text comes back as
// it was, in order, whatever it holds.
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb } from '@/lib/db';
import { pool } from '@/lib/db/pool';
import { joinTexts, splitTextsSql } from '@/lib/db/texts';

afterAll(closeDb);

async function roundTrip(texts: string[]): Promise<string[]> {
  const { rows } = await pool().query<{ t: string }>(`SELECT x.t FROM ${splitTextsSql('$1')} AS x(t, n) ORDER BY x.n`, [joinTexts(texts)]);
  return rows.map((r) => r.t);
}

describe('joinTexts / splitTextsSql', () => {
  it('gives back every text, in order: quotes, backslashes, escapes, line breaks, non-ASCII', async () => {
    const texts = [
      JSON.stringify({ a: 'q"uote', b: 'back\\slash', c: 'nul \u0000 and rs \u001e escaped', d: 'line\nbreak' }),
      'ünïcødé 😀 ✓',
      '[1,2,3]',
      'a\nraw line break and a "quote"',
      'x',
    ];
    expect(await roundTrip(texts)).toEqual(texts);
    expect(await roundTrip([texts[0]])).toEqual([texts[0]]);
    expect(await roundTrip([])).toEqual([]);
  });

  it('JSON text never holds the separator raw, so any JSON document can travel', async () => {
    const doc = JSON.stringify({ s: 'with \u001e inside' });
    expect(doc).not.toContain('\u001e');
    const [back] = await roundTrip([doc]);
    expect(JSON.parse(back)).toEqual({ s: 'with \u001e inside' });
  });

  it('refuses a text holding the separator, and an empty text', () => {
    expect(() => joinTexts(['a', 'b\u001ec'])).toThrow(/record separator/);
    expect(() => joinTexts(['a', ''])).toThrow(/empty/);
  });
});
