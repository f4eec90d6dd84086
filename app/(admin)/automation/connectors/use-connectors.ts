'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import type { ConnectorInput, ConnectorUpdate, ConnectorView } from '@/lib/connectors/schema';

const KEY = ['connectors'];

export function useConnectors() {
  return useQuery({ queryKey: KEY, queryFn: () => apiFetch<{ connectors: ConnectorView[] }>('/api/connectors').then((r) => r.connectors) });
}

export function useSaveConnector(id?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ConnectorInput | ConnectorUpdate) =>
      apiFetch<{ connector: ConnectorView }>(id ? `/api/connectors/${id}` : '/api/connectors', { method: id ? 'PATCH' : 'POST', json: input }).then((r) => r.connector),
    // Into the list at once, so a dropdown that selects the new connector can show it (then refetch).
    onSuccess: (saved) => {
      qc.setQueryData<ConnectorView[]>(KEY, (list) => (list ? [...list.filter((c) => c.id !== saved.id), saved] : [saved]));
      return qc.invalidateQueries({ queryKey: KEY });
    },
  });
}

export function useDeleteConnector() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => apiFetch(`/api/connectors/${id}`, { method: 'DELETE' }), onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}
