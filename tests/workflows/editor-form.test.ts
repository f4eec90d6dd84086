// The editor's helpers that turn activation's field paths into what the marketer reads and that
// read the launch-history filter from a (possibly hand-edited) link.
import { describe, expect, it } from 'vitest';
import { describeField, errorAt, hasErrorUnder, newBlock } from '@/components/workflows/editor/form';
import { parseRunFilter } from '@/components/workflows/runs/use-run-filter';
import { runFilterToSearchParams } from '@/components/workflows/use-workflows';
import { blockSchema } from '@/lib/workflows/schema';

describe('describeField', () => {
  const blocks = [{ kind: 'webhook' as const }, { kind: 'message' as const }];
  it('names the block and the field of a 422 path', () => {
    expect(describeField('blocks.0.webhookId', blocks)).toEqual({ label: 'Block 1 (Webhook) · Webhook', blockIndex: 0 });
    expect(describeField('blocks.1.body', blocks)).toEqual({ label: 'Block 2 (Message) · Body', blockIndex: 1 });
    expect(describeField('trigger.eventTypeKey', blocks)).toEqual({ label: 'Start · Event type', blockIndex: null });
    expect(describeField('blocks', blocks)).toEqual({ label: 'Blocks', blockIndex: null });
  });
  it('keeps an index past the end (a block removed since) without a kind', () => {
    expect(describeField('blocks.5.email', blocks)).toEqual({ label: 'Block 6 · Contact Email', blockIndex: 5 });
  });
});

describe('errorAt / hasErrorUnder', () => {
  const errors = { blocks: [undefined, { body: { message: 'The body cannot be read (line 1, column 3)' } }], trigger: { eventTypeKey: { message: 'Choose' } } };
  it('reads react-hook-form errors by dotted path', () => {
    expect(errorAt(errors, 'blocks.1.body')).toBe('The body cannot be read (line 1, column 3)');
    expect(errorAt(errors, 'blocks.0.body')).toBeUndefined();
    expect(errorAt(errors, 'trigger.eventTypeKey')).toBe('Choose');
    expect(hasErrorUnder(errors, 'blocks.1')).toBe(true);
    expect(hasErrorUnder(errors, 'blocks.0')).toBe(false);
    expect(hasErrorUnder({}, 'trigger')).toBe(false);
  });
});

describe('newBlock', () => {
  it('makes blocks the schema accepts, each with a fresh seed-shaped id', () => {
    for (const kind of ['webhook', 'message', 'delay'] as const) {
      const b = newBlock(kind);
      expect(blockSchema.safeParse(b).success).toBe(true);
      expect(b.id).toMatch(/^e_[0-9a-f]{32}$/);
    }
    expect(newBlock('delay').id).not.toBe(newBlock('delay').id);
  });
});

describe('launch-history filter in the URL', () => {
  it('round-trips through the query string', () => {
    const filter = { status: 'failed' as const, from: '2026-11-01T00:00:00.000Z', email: 'olena@example.com', eventKey: '1258810400' };
    expect(parseRunFilter(runFilterToSearchParams(filter))).toMatchObject(filter);
  });
  it('drops what the schema refuses instead of failing the page', () => {
    const f = parseRunFilter(new URLSearchParams('status=exploded&from=yesterday&email=a@b.c'));
    expect(f.status).toBeUndefined();
    expect(f.from).toBeUndefined();
    expect(f.email).toBe('a@b.c');
    // An end before the start: the end goes.
    const g = parseRunFilter(new URLSearchParams('from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z'));
    expect(g.from).toBe('2026-11-02T00:00:00Z');
    expect(g.to).toBeUndefined();
  });
});
