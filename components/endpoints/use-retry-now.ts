'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { apiFetch } from '@/lib/http/client';

/** Retry now, for any webhook kind (exports, event webhooks, the Laboratory): the views refetch. */
export function useRetryNow() {
  const qc = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/api/endpoints/${id}/retry`, { method: 'POST' }),
    onSuccess: () => {
      router.refresh(); // the home page's overview is rendered on the server
      return Promise.all([qc.invalidateQueries({ queryKey: ['endpoints'] }), qc.invalidateQueries({ queryKey: ['event-webhooks'] })]);
    },
  });
}
