// The queue gauges stay cheap on a big queue: their plans never scan deliveries or queue_ranges in
// full (only a Limit-bounded read), and the figures they give are right. The bench with a million
// waiting items is `npm run bench:metrics` (README → Metrics).
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../support/isolated-db';
import { newAccount } from '../support/fixtures';
import { fillQueue, indexScans, seqScans } from '../support/queue-fill';

await isolatedDatabase();
const { pool } = await import('@/lib/db/pool');
const { QUEUE_ACTIVITIES_SQL, QUEUE_BY_KIND_SQL, QUEUE_EXACT_LIMIT, RUNS_IN_PROGRESS_SQL, WORKERS_SQL } = await import('@/lib/metrics/sources');

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

  it('count workflow runs in progress through the partial index, not the run history', async () => {
    const acme = await newAccount();
    const def = { trigger: { eventTypeKey: 'signup' }, blocks: [] };
    const wf = await pool().query<{ id: string }>(
      `INSERT INTO workflows (account_id, name, active, trigger_event_type, definition) VALUES ($1, 'plan', true, 'signup', $2::jsonb) RETURNING id`,
      [acme.account.id, JSON.stringify(def)],
    );
    // 200 000 ended runs (the history) and 30 running + 12 waiting ones.
    await pool().query(
      `INSERT INTO workflow_runs (account_id, workflow_id, version, event_type_key, status, due_at, finished_at)
       SELECT $1, $2, 1, 'signup', CASE WHEN i <= 30 THEN 'running' WHEN i <= 42 THEN 'waiting' WHEN i % 3 = 0 THEN 'failed' ELSE 'completed' END,
              CASE WHEN i <= 42 THEN now() END, CASE WHEN i > 42 THEN now() END
         FROM generate_series(1, 200042) i`,
      [acme.account.id, wf.rows[0].id],
    );
    await pool().query('ANALYZE workflow_runs');
    const plan = (await pool().query<{ 'QUERY PLAN': string }>(`EXPLAIN ${RUNS_IN_PROGRESS_SQL}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('workflow_runs_in_progress');
    expect(plan).not.toMatch(/Seq Scan on workflow_runs/);
    const { rows } = await pool().query(`${RUNS_IN_PROGRESS_SQL} ORDER BY status`);
    expect(rows).toEqual([{ status: 'running', runs: 30 }, { status: 'waiting', runs: 12 }]);
  });
});
