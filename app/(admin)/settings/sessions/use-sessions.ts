'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import type { SessionView } from '@/lib/auth/sessions';

const KEY = ['sessions'];

export function useSessions() {
  return useQuery({ queryKey: KEY, queryFn: () => apiFetch<{ sessions: SessionView[] }>('/api/auth/sessions').then((r) => r.sessions) });
}

export function useSignOutSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ ended: number; current: boolean }>(`/api/auth/sessions/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useSignOutEverywhere() {
  return useMutation({ mutationFn: () => apiFetch<{ ended: number }>('/api/auth/sessions', { method: 'DELETE' }) });
}
