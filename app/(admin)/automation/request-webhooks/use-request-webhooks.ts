'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import type { RequestWebhookInput } from '@/lib/templates/schema';
import type { RequestTestResult, RequestWebhookView, ResolvedRequest, TestData } from '@/lib/request-webhooks/types';

const KEY = ['request-webhooks'];

export function useRequestWebhooks(deleted: boolean) {
  return useQuery({
    queryKey: [...KEY, deleted ? 'deleted' : 'live'],
    queryFn: () => apiFetch<{ webhooks: RequestWebhookView[] }>(`/api/request-webhooks${deleted ? '?deleted=1' : ''}`).then((r) => r.webhooks),
  });
}

export function useSaveRequestWebhook(id?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RequestWebhookInput) =>
      apiFetch<{ webhook: RequestWebhookView }>(id ? `/api/request-webhooks/${id}` : '/api/request-webhooks', { method: id ? 'PUT' : 'POST', json: input }).then((r) => r.webhook),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteRequestWebhook() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => apiFetch(`/api/request-webhooks/${id}`, { method: 'DELETE' }), onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}

export function useRestoreRequestWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ webhook: RequestWebhookView }>(`/api/request-webhooks/${id}/restore`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

type TestBody = { webhook: RequestWebhookInput; data: TestData; id?: string };

export function useResolveRequest() {
  return useMutation({ mutationFn: (body: TestBody) => apiFetch<ResolvedRequest>('/api/request-webhooks/resolve', { method: 'POST', json: body }) });
}

export function useSendTestRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TestBody) => apiFetch<RequestTestResult>('/api/request-webhooks/send-test', { method: 'POST', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
