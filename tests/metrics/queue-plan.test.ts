// The queue gauges stay cheap on a big queue: their plans never scan deliveries or queue_ranges in
// full (only a Limit-bounded read), and the figures they give are right. The bench with a million
// waiting items is `npm run bench:metrics` (README → Metrics).
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { newAccount } from '../support/fixtures';
import { fillQueue, indexScans, seqScans } from '../support/queue-fill';

await isolatedDatabase();
const { pool } = await import('@/lib/db/pool');
const { QUEUE_ACTIVITIES_SQL, QUEUE_BY_KIND_SQL, QUEUE_EXACT_LIMIT, WORKERS_SQL } = await import('@/lib/metrics/sources');

describe('queue gauges on a big queue', () => {
  it('read deliveries and queue ranges through their indexes, and count exactly', async () => {
    const acme = await newAccount();
    // 40 endpoints × (2 000 delivered + 3 000 pending deliveries), and QUEUE_EXACT_LIMIT + 20 000 queued ranges of 2.
    const ranges = QUEUE_EXACT_LIMIT + 20_000;
    await fillQueue(pool(), { accountId: acme.account.id, endpoints: 40, delivered: 2_000, perEndpoint: 3_000, ranges });

    for (const sql of [QUEUE_BY_KIND_SQL, WORKERS_SQL]) {
      const scans = await seqScans(pool(), sql);
      expect(scans.filter((s) => s.relation === 'deliveries' || s.relation === 'queue_ranges')).toEqual([]);
    }
    // The head of each endpoint is found in the (endpoint_id, status, seq) index, not by walking its history.
    expect(await indexScans(pool(), QUEUE_BY_KIND_SQL, 'deliveries')).toEqual([{ index: 'deliveries_endpoint_id_status_seq_idx', filtered: false }]);
    // The activities gauge reads at most QUEUE_EXACT_LIMIT + 1 ranges, and a 1 % block sample beyond.
    const scans = await seqScans(pool(), QUEUE_ACTIVITIES_SQL);
    expect(scans.filter((s) => s.relation === 'queue_ranges' && s.node === 'Seq Scan' && !s.limited)).toEqual([]);
    expect(scans.filter((s) => s.node === 'Sample Scan').map((s) => s.relation)).toEqual(['queue_ranges']);

    const { rows } = await pool().query(QUEUE_BY_KIND_SQL);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'export', deliveries: 120_000, failing: 0 });
    expect(rows[0].oldest_age).toBeGreaterThan(3500); // the oldest head delivery is an hour old

    // Over the exact limit the waiting activities are estimated: within a few per cent of the truth.
    const estimated = (await pool().query<{ activities: number; estimated: boolean }>(QUEUE_ACTIVITIES_SQL)).rows[0];
    expect(estimated.estimated).toBe(true);
    expect(Math.abs(estimated.activities - ranges * 2) / (ranges * 2)).toBeLessThan(0.05);

    // Under it they are exact.
    await pool().query(`DELETE FROM queue_ranges WHERE id > 1000`);
    await pool().query('ANALYZE queue_ranges');
    const exact = (await pool().query<{ activities: number; estimated: boolean }>(QUEUE_ACTIVITIES_SQL)).rows[0];
    expect(exact).toEqual({ activities: 2000, estimated: false });
  });
});
