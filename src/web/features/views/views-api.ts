import { useQuery } from '@tanstack/react-query'
import type { View } from '../../../server/features/views/views.schema.ts'
import { api } from '../../lib/api.ts'
import type { ListObject, ListState } from '../lists/list-state.ts'

// Saved views of a list: mine and the shared ones.
export type { View }

export const viewsKey = (object: ListObject) => ['views', object]

export function useViews(object: ListObject) {
  return useQuery({
    queryKey: viewsKey(object),
    queryFn: ({ signal }) =>
      api<{ data: View[] }>(`/api/v1/views?object=${object}`, { signal }).then((r) => r.data),
    staleTime: 60_000,
  })
}

export const createView = (body: { object: ListObject; name: string; shared: boolean; state: ListState }) =>
  api<View>('/api/v1/views', { method: 'POST', body })

export const updateView = (
  view: Pick<View, 'id' | 'version'>,
  patch: { name?: string; shared?: boolean; state?: ListState },
) => api<View>(`/api/v1/views/${view.id}`, { method: 'PATCH', body: patch, version: view.version })

export const deleteView = (id: string) => api<void>(`/api/v1/views/${id}`, { method: 'DELETE' })

export const setDefaultView = (id: string) => api<void>(`/api/v1/views/${id}/default`, { method: 'PUT' })

export const clearDefaultView = (object: ListObject) =>
  api<void>(`/api/v1/views/default?object=${object}`, { method: 'DELETE' })
