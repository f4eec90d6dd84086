'use client';
// The launch history's filter lives in the query string, so a shared link reproduces the view (as on
// Webhook logs). A value the schema refuses (a hand-edited link) is dropped rather than failing the page.
import { useCallback, useMemo } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { runFilterSchema, type RunFilter } from '@/lib/workflows/schema';
import { runFilterToSearchParams } from '../use-workflows';

const FIELDS = ['status', 'from', 'to', 'email', 'eventKey'] as const;
export type RunFilterPatch = Partial<Pick<RunFilter, (typeof FIELDS)[number]>>;

export function parseRunFilter(params: URLSearchParams): RunFilter {
  const raw: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = params.get(f);
    if (v) raw[f] = v;
  }
  for (let i = 0; i < 3; i++) {
    const r = runFilterSchema.safeParse(raw);
    if (r.success) return r.data;
    for (const issue of r.error.issues) delete raw[String(issue.path[0])];
  }
  return {} as RunFilter;
}

export function useRunFilter(): [RunFilter, (patch: RunFilterPatch) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filter = useMemo(() => parseRunFilter(new URLSearchParams(params.toString())), [params]);
  const update = useCallback(
    (patch: RunFilterPatch) => {
      const qs = runFilterToSearchParams({ ...filter, ...patch }).toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [filter, router, pathname],
  );
  return [filter, update];
}
