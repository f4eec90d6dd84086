'use client';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import type { EndpointView } from '@/lib/endpoints/schema';
import { filterToSearchParams, type BulkReplayResult, type LogDetail, type LogFilter, type LogPage, type ReplayResult } from '@/lib/logs/schema';

const KEY = ['logs'];

export function useLogs(filter: LogFilter) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'list', filter],
    queryFn: ({ pageParam }) => {
      const qs = filterToSearchParams(filter);
      if (pageParam) qs.set('cursor', pageParam);
      return apiFetch<LogPage>(`/api/logs?${qs}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useLogDetail(id: string) {
  return useQuery({ queryKey: [...KEY, 'detail', id], queryFn: () => apiFetch<{ log: LogDetail }>(`/api/logs/${id}`).then((r) => r.log) });
}

/** Every webhook of the account, for the filter. */
export function useWebhooks() {
  return useQuery({ queryKey: ['endpoints', 'all'], queryFn: () => apiFetch<{ endpoints: EndpointView[] }>('/api/endpoints').then((r) => r.endpoints) });
}

/** Refreshes the log now and once more shortly after, when the worker has sent what was replayed. */
function useRefreshAfterReplay() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: KEY });
    setTimeout(() => void qc.invalidateQueries({ queryKey: KEY }), 2_000);
  };
}

export function useReplay() {
  const refresh = useRefreshAfterReplay();
  return useMutation({ mutationFn: (id: string) => apiFetch<ReplayResult>(`/api/logs/${id}/replay`, { method: 'POST' }), onSuccess: refresh });
}

export function useBulkReplay() {
  const refresh = useRefreshAfterReplay();
  return useMutation({ mutationFn: (filter: LogFilter) => apiFetch<BulkReplayResult>('/api/logs/replay', { method: 'POST', json: filter }), onSuccess: refresh });
}
