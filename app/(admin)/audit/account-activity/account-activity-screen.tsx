'use client';
// Audit → Account activity: who changed what, when and from where, newest first; filters in the URL
// (like the Webhook logs, whose date inputs, search box and CSV link this reuses), keyset pages, CSV.
import { useCallback, useId, useMemo } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import {
  ACTION_LABEL,
  AUDIT_ACTIONS,
  AUDIT_TARGET_KINDS,
  TARGET_LABEL,
  auditFilterFromSearchParams,
  auditFilterToSearchParams,
  type AuditFilter,
  type AuditPage,
  type AuditRow,
} from '@/lib/audit/schema';
import { PageHeader } from '@/components/ui/page-header';
import { LoadMoreFooter, QueryState, StackTable } from '@/components/ui/query-table';
import { SearchBox, labelClass } from '@/components/ui/search-box';
import { formatDateTime } from '@/components/ui/format';
import { fromLocalInput, toLocalInput } from '../webhook-logs/log-filters';

const control =
  'mt-1 block w-full rounded-md border-0 px-2.5 py-1.5 text-sm shadow-xs ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-500 focus:outline-none';

function useAuditFilter(): [AuditFilter, (patch: Partial<AuditFilter>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filter = useMemo(() => auditFilterFromSearchParams(new URLSearchParams(params.toString())), [params]);
  const update = useCallback(
    (patch: Partial<AuditFilter>) => {
      const qs = auditFilterToSearchParams({ ...filter, ...patch }).toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [filter, router, pathname],
  );
  return [filter, update];
}

function useAudit(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam }) => {
      const qs = auditFilterToSearchParams(filter);
      if (pageParam) qs.set('cursor', pageParam);
      return apiFetch<AuditPage>(`/api/audit?${qs}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

function Filters({ filter, onChange }: { filter: AuditFilter; onChange: (patch: Partial<AuditFilter>) => void }) {
  const ids = { action: useId(), kind: useId(), from: useId(), to: useId() };
  return (
    <div className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <SearchBox value={filter.actor} onChange={(actor) => onChange({ actor: actor || undefined })} label="Actor" placeholder="Email or API key name" className="w-full sm:w-56" />
      <div className="w-full sm:w-48">
        <label htmlFor={ids.action} className={labelClass}>
          Action
        </label>
        <select id={ids.action} value={filter.action ?? ''} onChange={(e) => onChange({ action: (e.target.value || undefined) as AuditFilter['action'] })} className={control}>
          <option value="">Any action</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {ACTION_LABEL[a]}
            </option>
          ))}
        </select>
      </div>
      <div className="w-full sm:w-44">
        <label htmlFor={ids.kind} className={labelClass}>
          Target
        </label>
        <select id={ids.kind} value={filter.targetKind ?? ''} onChange={(e) => onChange({ targetKind: (e.target.value || undefined) as AuditFilter['targetKind'] })} className={control}>
          <option value="">Anything</option>
          {AUDIT_TARGET_KINDS.map((k) => (
            <option key={k} value={k}>
              {TARGET_LABEL[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="w-full sm:w-48">
        <label htmlFor={ids.from} className={labelClass}>
          From
        </label>
        <input id={ids.from} type="datetime-local" value={toLocalInput(filter.from)} onChange={(e) => onChange({ from: fromLocalInput(e.target.value) })} className={control} />
      </div>
      <div className="w-full sm:w-48">
        <label htmlFor={ids.to} className={labelClass}>
          Until
        </label>
        <input id={ids.to} type="datetime-local" value={toLocalInput(filter.to)} onChange={(e) => onChange({ to: fromLocalInput(e.target.value) })} className={control} />
      </div>
    </div>
  );
}

function Actor({ row }: { row: AuditRow }) {
  return (
    <>
      <span className="block truncate font-medium text-slate-900" title={row.actorName}>
        {row.actorName}
      </span>
      <span className="mt-0.5 block text-xs text-slate-500">
        {row.actorKind === 'api_key' ? 'API key' : row.actorKind === 'system' ? 'Hookline' : 'User'}
        {row.address && row.address !== 'direct' ? ` · ${row.address}` : ''}
      </span>
    </>
  );
}

function ActivityTable({ rows }: { rows: AuditRow[] }) {
  return (
    <StackTable className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            <th className="px-4 py-2.5">When</th>
            <th className="px-4 py-2.5">Who</th>
            <th className="px-4 py-2.5">Did</th>
            <th className="px-4 py-2.5">To what</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id} className="align-top" data-testid="activity-row">
              <td className="px-4 py-3 whitespace-nowrap text-slate-900">{formatDateTime(r.at)}</td>
              <td className="max-w-56 px-4 py-3">
                <Actor row={r} />
              </td>
              <td className="px-4 py-3">
                <span className="text-slate-900">{ACTION_LABEL[r.action] ?? r.action}</span>
                {r.fields.length > 0 && <span className="mt-0.5 block text-xs text-slate-500">{r.fields.join(', ')}</span>}
              </td>
              <td className="max-w-64 px-4 py-3">
                <span className="block truncate font-medium text-slate-900" title={r.targetName ?? undefined}>
                  {r.targetName ?? '—'}
                </span>
                <span className="mt-0.5 block text-xs text-slate-500">{TARGET_LABEL[r.targetKind] ?? r.targetKind}</span>
              </td>
            </tr>
          ))}
        </tbody>
    </StackTable>
  );
}

export function AccountActivityScreen() {
  const [filter, setFilter] = useAuditFilter();
  const audit = useAudit(filter);
  const rows = audit.data?.pages.flatMap((p) => p.rows) ?? [];
  const qs = auditFilterToSearchParams(filter).toString();
  return (
    <>
      <PageHeader
        title="Account activity"
        description="Who created, changed, switched on or off, deleted, tested or replayed which webhook, export or connector, rotated which secret, and who signed in."
        actions={
          <a
            href={`/api/audit/export.csv${qs ? `?${qs}` : ''}`}
            download
            className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-700 shadow-xs ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
          >
            Export CSV
          </a>
        }
      />
      <Filters filter={filter} onChange={setFilter} />
      <QueryState query={audit} what="account activity" isEmpty={rows.length === 0} empty={<p className="font-medium text-slate-900">No activity matches these filters</p>}>
        <>
          <div className={audit.isPlaceholderData ? 'opacity-60 transition-opacity' : ''}>
            <ActivityTable rows={rows} />
          </div>
          <LoadMoreFooter query={audit} shown={`${rows.length.toLocaleString()} ${rows.length === 1 ? 'entry' : 'entries'} shown`} />
        </>
      </QueryState>
    </>
  );
}
