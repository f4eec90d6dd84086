// A large queue made directly in SQL (the test and the metrics bench need a million waiting items in
// seconds, not the minutes ingest would take): `perEndpoint` pending deliveries on each of `endpoints`
// export endpoints, and `ranges` queued ranges of `rangeSize` activities spread over them.
import type pg from 'pg';

export async function fillQueue(
  client: Pick<pg.Pool, 'query'>,
  {
    accountId,
    endpoints,
    perEndpoint,
    delivered = 0,
    ranges,
    rangeSize = 2,
  }: { accountId: string; endpoints: number; perEndpoint: number; delivered?: number; ranges: number; rangeSize?: number },
): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO endpoints (account_id, kind, name, url, statuses, signing_secret_enc, next_seq, active)
     SELECT $1, 'export', 'fill-' || g, 'https://example.com/' || g, '{}', 'x', $2 + 1, true FROM generate_series(1, $3) g
     RETURNING id`,
    [accountId, delivered + perEndpoint, endpoints],
  );
  const ids = rows.map((r) => r.id);
  // The history first (delivered, as retention keeps it for days), then the pending tail.
  await client.query(
    `INSERT INTO deliveries (account_id, endpoint_id, seq, body, activity_count, created_at, status, delivered_at)
     SELECT $1, e, s, '[]', 1, now() - interval '2 hours', 'delivered', now() - interval '2 hours' FROM unnest($2::uuid[]) e, generate_series(1, $3) s`,
    [accountId, ids, delivered],
  );
  await client.query(
    `INSERT INTO deliveries (account_id, endpoint_id, seq, body, activity_count, created_at)
     SELECT $1, e, $4 + s, '[]', 1, now() - interval '1 hour' + s * interval '1 millisecond' FROM unnest($2::uuid[]) e, generate_series(1, $3) s`,
    [accountId, ids, perEndpoint, delivered],
  );
  await client.query(
    `INSERT INTO queue_ranges (account_id, endpoint_id, first_activity_id, last_activity_id, statuses, count, created_at)
     SELECT $1, ($2::uuid[])[1 + g % array_length($2::uuid[], 1)], g, g + $4 - 1, '{}', $4, now() - interval '30 minutes' FROM generate_series(1, $3) g`,
    [accountId, ids, ranges, rangeSize],
  );
  await client.query('ANALYZE endpoints, deliveries, queue_ranges');
  return ids;
}

/** The index scans of a query's plan on `relation`: index name and whether the whole condition is in the index. */
export async function indexScans(client: Pick<pg.Pool, 'query'>, sql: string, relation: string): Promise<{ index: string; filtered: boolean }[]> {
  const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql}`);
  const found: { index: string; filtered: boolean }[] = [];
  const walk = (node: PlanNode) => {
    if (node['Relation Name'] === relation && node['Index Name']) found.push({ index: node['Index Name'], filtered: node.Filter !== undefined });
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(rows[0]['QUERY PLAN'][0].Plan);
  return found;
}

/** The relations a query's plan reads with a sequential (or block-sample) scan, and whether each sits under a Limit. */
export async function seqScans(client: Pick<pg.Pool, 'query'>, sql: string): Promise<{ relation: string; node: string; limited: boolean }[]> {
  const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql}`);
  const found: { relation: string; node: string; limited: boolean }[] = [];
  const walk = (node: PlanNode, limited: boolean) => {
    if (node['Node Type'] === 'Seq Scan' || node['Node Type'] === 'Sample Scan') found.push({ relation: node['Relation Name']!, node: node['Node Type'], limited });
    for (const child of node.Plans ?? []) walk(child, limited || node['Node Type'] === 'Limit');
  };
  walk(rows[0]['QUERY PLAN'][0].Plan, false);
  return found;
}
type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Filter?: string; Plans?: PlanNode[] };
