'use client';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import type { ContactCreate, ContactPage, ContactView, SegmentCreate, SegmentView } from '@/lib/contacts/schema';

const CONTACTS = ['contacts'];
const SEGMENTS = ['segments'];

export type ContactFilter = { q?: string; segmentId?: string };

/** Contacts matching the search box and the segment, newest first, a page at a time. */
export function useContacts(filter: ContactFilter, pageSize = 25) {
  return useInfiniteQuery({
    queryKey: [...CONTACTS, 'list', filter, pageSize],
    queryFn: ({ pageParam }) => {
      const qs = new URLSearchParams({ limit: String(pageSize) });
      if (filter.q) qs.set('q', filter.q);
      if (pageParam) qs.set('cursor', pageParam);
      const base = filter.segmentId ? `/api/segments/${filter.segmentId}/contacts` : '/api/contacts';
      return apiFetch<ContactPage>(`${base}?${qs}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useCreateContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ContactCreate) => apiFetch<{ contact: ContactView }>('/api/contacts', { method: 'POST', json: input }).then((r) => r.contact),
    onSuccess: () => qc.invalidateQueries({ queryKey: CONTACTS }),
  });
}

export function useSegments() {
  return useQuery({ queryKey: SEGMENTS, queryFn: () => apiFetch<{ segments: SegmentView[] }>('/api/segments').then((r) => r.segments) });
}

export function useCreateSegment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SegmentCreate) => apiFetch<{ segment: SegmentView }>('/api/segments', { method: 'POST', json: input }).then((r) => r.segment),
    onSuccess: () => qc.invalidateQueries({ queryKey: SEGMENTS }),
  });
}

export function useDeleteSegment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/segments/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: SEGMENTS });
      void qc.invalidateQueries({ queryKey: CONTACTS });
    },
  });
}
