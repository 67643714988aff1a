import { useQuery } from '@tanstack/react-query'
import type { Field, FieldRef, FieldType } from '../../../server/features/filters/filter.schema.ts'
import { api } from '../../lib/api.ts'
import type { ListObject } from './list-state.ts'

// The field catalog of an object (GET /api/v1/fields): what a list can show, sort and
// filter by — built-in fields and the workspace's custom fields (`custom.<key>`).
export type { Field, FieldRef, FieldType }

export function useFields(object: ListObject) {
  return useQuery({
    queryKey: ['fields', object],
    queryFn: ({ signal }) => api<{ data: Field[] }>(`/api/v1/fields?object=${object}`, { signal }),
    select: (r) => r.data,
    staleTime: 60_000,
  })
}
