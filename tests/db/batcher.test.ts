import { describe, expect, it } from 'vitest';
import { naturalBatcher } from '@/lib/db/batcher';

const tick = () => new Promise((r) => setImmediate(r));

describe('naturalBatcher', () => {
  it('one caller alone goes out at once; callers arriving while a batch is out go together in the next one', async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const load = naturalBatcher(async (items: number[]) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      return items.map((i) => i * 10);
    });
    const first = load(1);
    await tick();
    expect(batches).toEqual([[1]]); // went out without waiting for company
    const later = [load(2), load(3), load(4)];
    await tick();
    expect(batches).toHaveLength(1); // gathering while the first is out
    release();
    expect(await first).toBe(10);
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps at most `inFlight` batches out and at most `max` items in one', async () => {
    let out = 0;
    let most = 0;
    const sizes: number[] = [];
    const load = naturalBatcher(
      async (items: string[]) => {
        most = Math.max(most, ++out);
        sizes.push(items.length);
        await new Promise((r) => setTimeout(r, 5));
        out--;
        return items.map((s) => s.toUpperCase());
      },
      { max: 3, inFlight: 2 },
    );
    const answers = await Promise.all('abcdefghij'.split('').map((c) => load(c)));
    expect(answers.join('')).toBe('ABCDEFGHIJ');
    expect(most).toBe(2);
    expect(Math.max(...sizes)).toBe(3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
  });

  it('a failed batch fails each of its callers, and the next batch still goes out', async () => {
    let calls = 0;
    const load = naturalBatcher(async (items: number[]) => {
      if (++calls === 1) throw new Error('database down');
      return items;
    });
    const failed = [load(1), load(2)];
    await expect(Promise.all(failed)).rejects.toThrow('database down');
    await Promise.allSettled(failed);
    expect(await load(3)).toBe(3);
  });

  it('an Error among the results fails that caller alone', async () => {
    const load = naturalBatcher(async (items: number[]) => items.map((i) => (i === 2 ? new Error(`no ${i}`) : i)));
    const [one, two, three] = await Promise.allSettled([load(1), load(2), load(3)]);
    expect(one).toEqual({ status: 'fulfilled', value: 1 });
    expect(two).toMatchObject({ status: 'rejected', reason: new Error('no 2') });
    expect(three).toEqual({ status: 'fulfilled', value: 3 });
  });

  it('a flush answering the wrong number of results fails its callers instead of mixing answers up', async () => {
    const load = naturalBatcher(async (items: number[]) => items.slice(1));
    await expect(Promise.all([load(1), load(2)])).rejects.toThrow('A batch of 2 answered 1 results');
  });
});
