'use client';
// A list screen's table with its loading, error (with retry) and empty states, so every list behaves
// the same while its data loads.
import { useEffect, useRef, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Banner } from './banner';
import { Button } from './button';

type QueryLike = { isPending: boolean; isError: boolean; error: Error | null; refetch: () => unknown };

/** The card every list sits in, with the loading, error (with retry) and empty states around it. */
export function QueryState({ query, what, isEmpty, empty, children }: { query: QueryLike; what: string; isEmpty: boolean; empty: ReactNode; children: ReactNode }) {
  return (
    <div className="rounded-lg bg-white ring-1 ring-slate-200">
      {query.isPending ? (
        <p className="p-6 text-sm text-slate-500">Loading {what}…</p>
      ) : query.isError ? (
        <div className="p-4">
          <Banner tone="error" title={`Could not load the ${what}`}>
            {query.error?.message}{' '}
            <button type="button" className="underline" onClick={() => query.refetch()}>
              Try again
            </button>
          </Banner>
        </div>
      ) : isEmpty ? (
        <div className="p-12 text-center">{empty}</div>
      ) : (
        children
      )}
    </div>
  );
}

export function QueryTable<T>({
  query,
  columns,
  what,
  empty,
  children,
}: {
  query: UseQueryResult<T[]>;
  /** Column headings; an empty string is the actions column. */
  columns: string[];
  /** "exports", "API keys" … for "Loading exports…" and "Could not load the exports". */
  what: string;
  empty: ReactNode;
  children: (rows: T[]) => ReactNode;
}) {
  return (
    <QueryState query={query} what={what} isEmpty={query.data?.length === 0} empty={empty}>
      {query.data && (
        <StackTable className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
            <tr>
              {columns.map((c, i) => (
                <th key={c || 'actions'} className={`px-4 py-2.5 ${i === 0 ? 'rounded-tl-lg' : ''} ${i === columns.length - 1 ? 'rounded-tr-lg' : ''}`}>
                  {c || <span className="sr-only">Actions</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">{children(query.data)}</tbody>
        </StackTable>
      )}
    </QueryState>
  );
}

/** The usual empty state: a title, a sentence, and an action. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <>
      <p className="font-medium text-slate-900">{title}</p>
      {children && <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">{children}</p>}
      {action && <div className="mt-4">{action}</div>}
    </>
  );
}

/**
 * A table that becomes stacked cards below `md` (see .stack-table in app/globals.css). Each cell gets
 * its column heading as data-label, taken from the <thead>, so screens write an ordinary table; a
 * column whose heading is only for screen readers (Actions, Expand…) is the card's corner action.
 */
export function StackTable({ className = '', children }: { className?: string; children: ReactNode }) {
  const ref = useRef<HTMLTableElement>(null);
  useEffect(() => {
    const table = ref.current;
    if (!table) return;
    const label = () => {
      const heads = Array.from(table.tHead?.rows[0]?.cells ?? []).map((th) => {
        const hidden = th.querySelector('.sr-only');
        return { text: th.textContent?.trim() ?? '', actions: !!hidden && hidden.textContent?.trim() === th.textContent?.trim() };
      });
      for (const body of Array.from(table.tBodies)) {
        for (const row of Array.from(body.rows)) {
          let col = 0;
          for (const cell of Array.from(row.cells)) {
            const head = cell.colSpan === 1 ? heads[col] : undefined;
            col += cell.colSpan;
            if (head && !head.actions && head.text) cell.dataset.label = head.text;
            else delete cell.dataset.label;
            if (head?.actions) cell.dataset.actions = '';
            else delete cell.dataset.actions;
          }
        }
      }
    };
    label();
    // Rows come and go (load more, expand) without this component rendering again.
    const observer = new MutationObserver(label);
    observer.observe(table, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return (
    <table ref={ref} className={`stack-table ${className}`}>
      {children}
    </table>
  );
}

type PagedQuery = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };

/** The foot of a keyset-paged list: how many rows are shown (and that there are no more), extra
 *  actions, and *Load more* while the query has another page. */
export function LoadMoreFooter({ query, shown, children }: { query: PagedQuery; shown: ReactNode; children?: ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-3 border-t border-slate-100 px-4 py-3">
      <p className="text-xs text-slate-500" aria-live="polite">
        {shown}
        {query.hasNextPage ? '' : ' · that is all'}
      </p>
      <div className="flex gap-2">
        {children}
        {query.hasNextPage && (
          <Button variant="secondary" size="sm" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
            Load more
          </Button>
        )}
      </div>
    </div>
  );
}
