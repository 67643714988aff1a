import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '../../lib/api.ts'
import { type Collection, type ListParams, useRecordList } from '../../lib/records.ts'
import type { ListObject } from './list-state.ts'

// The list pages' server state: keyset pages of rows and how many rows match. Keys start
// with the collection name, so a change to a record refreshes its lists and counts too.
export const COLLECTION: Record<ListObject, Collection> = {
  person: 'people',
  company: 'companies',
  deal: 'deals',
  activity: 'activities',
}

/** A row of any list: its id, and whatever the list's cells read from it. */
export type Row = { id: string }

export function useListRows<T extends Row>(object: ListObject, params: ListParams, limit: number) {
  return useRecordList<T>(COLLECTION[object], params, limit)
}

export type ListCount = { count: number; capped: boolean }

export function useListCount(object: ListObject, params: ListParams) {
  const collection = COLLECTION[object]
  return useQuery({
    queryKey: [collection, 'count', params],
    queryFn: ({ signal }) => {
      const qs = new URLSearchParams()
      for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v))
      return api<ListCount>(`/api/v1/${collection}/count?${qs}`, { signal })
    },
    placeholderData: keepPreviousData,
  })
}
