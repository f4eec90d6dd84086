'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import type { EndpointView } from '@/lib/endpoints/schema';
import type { TestResult, TestSettings } from '@/lib/endpoints/send-test-schema';

const KEY = ['endpoints', 'export'];

export function useExports() {
  return useQuery({
    queryKey: KEY,
    queryFn: () => apiFetch<{ endpoints: EndpointView[] }>('/api/endpoints?kind=export').then((r) => r.endpoints),
    refetchInterval: 3_000, // states (failing, waiting) change as the worker delivers
  });
}

export function useExport(id: string) {
  return useQuery({
    queryKey: [...KEY, id],
    queryFn: () => apiFetch<{ endpoint: EndpointView }>(`/api/endpoints/${id}`).then((r) => r.endpoint),
    refetchInterval: 5_000, // the failure banner follows the worker; the form keeps what is typed
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: KEY });
}

export function useSaveExport(id?: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: unknown): Promise<{ endpoint: EndpointView; signingSecret: string | null }> =>
      id
        ? apiFetch<{ endpoint: EndpointView }>(`/api/endpoints/${id}`, { method: 'PATCH', json: body }).then((r) => ({ endpoint: r.endpoint, signingSecret: null }))
        : apiFetch<{ endpoint: EndpointView; signingSecret: string }>('/api/endpoints', { method: 'POST', json: { kind: 'export', ...(body as object) } }),
    onSuccess: invalidate,
  });
}

export function useExportAction() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'activate' | 'deactivate' | 'delete' }) => {
      if (action === 'delete') return apiFetch(`/api/endpoints/${id}`, { method: 'DELETE' });
      return apiFetch(`/api/endpoints/${id}`, { method: 'PATCH', json: { active: action === 'activate' } });
    },
    onSuccess: invalidate,
  });
}

/** `settings`: the unsaved form to test instead of the saved export. */
export function useSendTest(id: string, settings?: TestSettings) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: string) => apiFetch<TestResult>(`/api/endpoints/${id}/test`, { method: 'POST', json: { body, settings } }),
    onSettled: invalidate,
  });
}
