'use client';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import type { EventPage, EventTypeSummary } from '@/lib/events/schema';

const KEY = ['events'];

/** The latest events first, optionally of one event type, a page at a time. */
export function useEvents(eventTypeKey: string | undefined, pageSize = 25) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'list', eventTypeKey ?? null, pageSize],
    queryFn: ({ pageParam }) => {
      const qs = new URLSearchParams({ limit: String(pageSize) });
      if (eventTypeKey) qs.set('eventTypeKey', eventTypeKey);
      if (pageParam) qs.set('cursor', pageParam);
      return apiFetch<EventPage>(`/api/events?${qs}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useEventTypes() {
  return useQuery({ queryKey: [...KEY, 'types'], queryFn: () => apiFetch<{ eventTypes: EventTypeSummary[] }>('/api/events/types').then((r) => r.eventTypes) });
}
