'use client';
// The page's filter lives in the query string, so a shared link reproduces the view.
import { useCallback, useMemo } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { filterFromSearchParams, filterToSearchParams, type LogFilter } from '@/lib/logs/schema';

export function useLogFilter(): [LogFilter, (patch: Partial<LogFilter>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filter = useMemo(() => filterFromSearchParams(new URLSearchParams(params.toString())), [params]);
  const update = useCallback(
    (patch: Partial<LogFilter>) => {
      const qs = filterToSearchParams({ ...filter, ...patch }).toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [filter, router, pathname],
  );
  return [filter, update];
}
