import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { api } from './api.ts'
import type { Page, TimelineEvent } from './types.ts'

// Server state shared by every record type (people, companies, deals): keyset-paged lists,
// one record, its timeline. Query keys start with the collection name, e.g.
// ['people', 'list', params], ['people', id], ['people', id, 'timeline'].
export type Collection = 'people' | 'companies' | 'deals' | 'activities'
export type ListParams = Record<string, string | boolean | undefined>

export function useRecordList<T>(collection: Collection, params: ListParams, limit = 50) {
  return useInfiniteQuery({
    queryKey: [collection, 'list', params],
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) => {
      const qs = new URLSearchParams({ limit: String(limit) })
      for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v))
      if (pageParam) qs.set('cursor', pageParam)
      return api<Page<T>>(`/api/v1/${collection}?${qs}`, { signal })
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  })
}

export function useRecord<T>(collection: Collection, id: string) {
  return useQuery({ queryKey: [collection, id], queryFn: () => api<T>(`/api/v1/${collection}/${id}`) })
}

export function useTimeline(collection: Collection, id: string) {
  return useInfiniteQuery({
    queryKey: [collection, id, 'timeline'],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      api<Page<TimelineEvent>>(
        `/api/v1/${collection}/${id}/timeline${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}
