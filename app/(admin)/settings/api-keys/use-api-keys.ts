'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import type { ApiKeyView, CreateApiKeyInput } from '@/lib/api-keys/schema';

const KEY = ['api-keys'];

export function useApiKeys() {
  return useQuery({ queryKey: KEY, queryFn: () => apiFetch<{ apiKeys: ApiKeyView[] }>('/api/account/api-keys').then((r) => r.apiKeys) });
}

export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiKeyInput) => apiFetch<{ key: string; apiKey: ApiKeyView }>('/api/account/api-keys', { method: 'POST', json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ apiKey: ApiKeyView }>(`/api/account/api-keys/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}
