import { keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { api } from '../../lib/api.ts'
import type { Member, Page, Person, TimelineEvent } from '../../lib/types.ts'

// Server state of the people pages. Keys: ['people', 'list', params], ['people', id].
export type PeopleParams = { q?: string; sort?: string; trashed?: boolean }

export function usePeopleList(params: PeopleParams) {
  return useInfiniteQuery({
    queryKey: ['people', 'list', params],
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) => {
      const qs = new URLSearchParams({ limit: '50' })
      if (params.q) qs.set('q', params.q)
      if (params.sort) qs.set('sort', params.sort)
      if (params.trashed) qs.set('trashed', 'true')
      if (pageParam) qs.set('cursor', pageParam)
      return api<Page<Person>>(`/api/v1/people?${qs}`, { signal })
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  })
}

export const personQuery = (id: string) =>
  queryOptions({ queryKey: ['people', id], queryFn: () => api<Person>(`/api/v1/people/${id}`) })

export const usePerson = (id: string) => useQuery(personQuery(id))

export function usePersonTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: ['people', id, 'timeline'],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      api<Page<TimelineEvent>>(
        `/api/v1/people/${id}/timeline${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}

export function useMembers() {
  return useQuery({
    queryKey: ['members'],
    queryFn: () => api<Member[]>('/api/v1/workspace/members'),
    staleTime: 5 * 60_000,
  })
}

export const fullName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`.trim()
