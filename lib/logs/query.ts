// The WHERE clause every webhook-log query shares (list, chart, CSV, bulk replay), always scoped to
// one account. Written for the indexes of migration 20261125150000_attempt_log_indexes: the default
// view (failed delivery attempts) is an equality prefix (account_id|endpoint_id, success, is_test)
// followed by the keyset order (started_at desc, id desc).
import type { LogFilter } from './schema';

/** list: as the filter's `all` says; outcomes: successes and failures (the chart); failed: failed delivery attempts only. */
export type Scope = 'list' | 'outcomes' | 'failed';

export type Where = { sql: string; params: unknown[] };

/** Escapes LIKE wildcards so the search text matches literally. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function logWhere(accountId: string, f: Partial<LogFilter>, scope: Scope, alias = 'a'): Where {
  const params: unknown[] = [accountId];
  const add = (value: unknown) => `$${params.push(value)}`;
  const a = alias;
  const conds = [`${a}.account_id = $1`];
  const failedOnly = scope === 'failed' || (scope === 'list' && !f.all);
  if (failedOnly) conds.push(`${a}.success = false`);
  if (failedOnly || !f.all) conds.push(`${a}.is_test = false`);
  if (f.endpointId) conds.push(`${a}.endpoint_id = ${add(f.endpointId)}`);
  if (f.status === 'network') conds.push(`${a}.response_status IS NULL`);
  else if (f.status?.endsWith('xx')) {
    const low = Number(f.status[0]) * 100;
    conds.push(`${a}.response_status >= ${add(low)} AND ${a}.response_status < ${add(low + 100)}`);
  } else if (f.status) conds.push(`${a}.response_status = ${add(Number(f.status))}`);
  if (f.from) conds.push(`${a}.started_at >= ${add(new Date(f.from))}`);
  if (f.to) conds.push(`${a}.started_at < ${add(new Date(f.to))}`);
  if (f.q) {
    const p = add(likePattern(f.q));
    conds.push(`(${a}.error ILIKE ${p} OR ${a}.response_body ILIKE ${p})`);
  }
  return { sql: conds.join(' AND '), params };
}

