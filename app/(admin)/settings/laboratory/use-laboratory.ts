'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import type { LaboratoryInput, LaboratorySaveResult, LaboratoryView } from '@/lib/endpoints/laboratory-schema';

const KEY = ['laboratory'];

export function useLaboratory() {
  return useQuery({ queryKey: KEY, queryFn: () => apiFetch<{ laboratory: LaboratoryView }>('/api/laboratory').then((r) => r.laboratory) });
}

/** Saves (a failed test GET is a normal answer with saved: false); the answer carries the current state. */
export function useSaveLaboratory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LaboratoryInput) => apiFetch<LaboratorySaveResult>('/api/laboratory', { method: 'PUT', json: input }),
    onSuccess: (result) => qc.setQueryData(KEY, result.laboratory),
  });
}
