'use client';
// Data for Automation → Workflows: the list, one workflow, its saves and state changes, the launch
// history (keyset pages) and a run's detail, the message preview and the re-run of a failed run.
// The shapes are lib/workflows/schema.ts; the routes are the agreed ones (issue 10).
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import type { z } from 'zod';
import type { previewInputSchema, PreviewResult, RunDetail, RunFilter, RunPage, WorkflowInput, WorkflowView } from '@/lib/workflows/schema';

const KEY = ['workflows'];
const RUNS = ['workflow-runs'];

export function useWorkflows() {
  return useQuery({ queryKey: [...KEY, 'list'], queryFn: () => apiFetch<{ workflows: WorkflowView[] }>('/api/workflows').then((r) => r.workflows) });
}

export function useWorkflow(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: () => apiFetch<{ workflow: WorkflowView }>(`/api/workflows/${id}`).then((r) => r.workflow),
    enabled: Boolean(id),
  });
}

export function useSaveWorkflow() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: WorkflowInput }) =>
      apiFetch<{ workflow: WorkflowView }>(id ? `/api/workflows/${id}` : '/api/workflows', { method: id ? 'PUT' : 'POST', json: input }).then((r) => r.workflow),
    onSuccess: (w) => {
      qc.setQueryData([...KEY, 'one', w.id], w);
      void qc.invalidateQueries({ queryKey: [...KEY, 'list'] });
    },
  });
}

/** Activate or deactivate; activation answers 422 with the field errors of what is wrong. */
export function useSetActive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      apiFetch<{ workflow: WorkflowView }>(`/api/workflows/${id}/${active ? 'activate' : 'deactivate'}`, { method: 'POST' }).then((r) => r.workflow),
    onSuccess: (w) => {
      qc.setQueryData([...KEY, 'one', w.id], w);
      void qc.invalidateQueries({ queryKey: [...KEY, 'list'] });
    },
  });
}

export function useDuplicateWorkflow() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ workflow: WorkflowView }>(`/api/workflows/${id}/duplicate`, { method: 'POST' }).then((r) => r.workflow),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteWorkflow() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => apiFetch(`/api/workflows/${id}`, { method: 'DELETE' }), onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}

/** The filter as query-string parameters ('' and undefined left out). */
export function runFilterToSearchParams(filter: Partial<RunFilter>): URLSearchParams {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  return qs;
}

/** Launch history, newest first, a page at a time; refreshed every few seconds while runs are in flight. */
export function useRuns(filter: RunFilter) {
  return useInfiniteQuery({
    queryKey: [...RUNS, 'list', filter],
    queryFn: ({ pageParam }) => {
      const qs = runFilterToSearchParams(filter);
      if (pageParam) qs.set('cursor', pageParam);
      return apiFetch<RunPage>(`/api/workflow-runs?${qs}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.runs.some((r) => r.status === 'running' || r.status === 'waiting')) ? 2_000 : false),
  });
}

export function useRun(id: string) {
  return useQuery({
    queryKey: [...RUNS, 'one', id],
    queryFn: () => apiFetch<{ run: RunDetail }>(`/api/workflow-runs/${id}`).then((r) => r.run),
    refetchInterval: (q) => (q.state.data?.status === 'running' || q.state.data?.status === 'waiting' ? 2_000 : false),
  });
}

export function useRerun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ run: RunDetail }>(`/api/workflow-runs/${id}/rerun`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: RUNS }),
  });
}

export function usePreview() {
  return useMutation({ mutationFn: (body: z.input<typeof previewInputSchema>) => apiFetch<PreviewResult>('/api/workflows/preview', { method: 'POST', json: body }) });
}
