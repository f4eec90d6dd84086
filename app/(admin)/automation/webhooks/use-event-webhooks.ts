'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import type { ConnectionTest, EventWebhookInput } from '@/lib/event-webhooks/schema';
import type { EventWebhookView } from '@/lib/event-webhooks/service';

const KEY = ['event-webhooks'];

export function useEventWebhooks() {
  return useQuery({ queryKey: KEY, queryFn: () => apiFetch<{ webhooks: EventWebhookView[] }>('/api/event-webhooks').then((r) => r.webhooks), refetchInterval: 5_000 });
}

export function useEventWebhook(id: string) {
  return useQuery({
    queryKey: [...KEY, id],
    queryFn: () => apiFetch<{ webhook: EventWebhookView }>(`/api/event-webhooks/${id}`).then((r) => r.webhook),
    refetchInterval: 5_000, // the failure banner follows the worker
  });
}

export function useCreateEventWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: EventWebhookInput) =>
      apiFetch<{ test: ConnectionTest; webhook: EventWebhookView | null; signingSecret: string | null }>('/api/event-webhooks', { method: 'POST', json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useConnectionTest() {
  return useMutation({
    mutationFn: (input: Partial<EventWebhookInput> & { exceptId?: string }) => apiFetch<ConnectionTest>('/api/event-webhooks/test', { method: 'POST', json: input }),
  });
}

export function useUpdateEventWebhook(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<EventWebhookInput> & { active?: boolean }) => apiFetch<{ webhook: EventWebhookView }>(`/api/event-webhooks/${id}`, { method: 'PATCH', json: patch }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteEventWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/api/event-webhooks/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
