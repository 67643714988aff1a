import { useNavigate, useSearch } from '@tanstack/react-router'
import { useMemo } from 'react'
import type { FilterCondition, ListState } from './list-state.ts'
import { type ListSearch, searchToState, stateToSearch } from './list-url.ts'

// Reads and writes a list page's state in the URL search params (see list-url.ts).
// Typing and filtering replace the history entry; entering or leaving the trash and
// applying a saved view push one, so Back returns to the list as it was.
export type ListRouteId = '/app/people' | '/app/companies' | '/app/deals/list' | '/app/activities'
const PATH = {
  '/app/people': '/people',
  '/app/companies': '/companies',
  '/app/deals/list': '/deals/list',
  '/app/activities': '/activities',
} as const

export function useListState(from: ListRouteId) {
  const search = useSearch({ from }) as ListSearch
  const navigate = useNavigate()
  const state = useMemo(() => searchToState(search), [search])

  function update(patch: Partial<ListSearch>, replace = true) {
    void navigate({
      to: PATH[from],
      search: ((prev: ListSearch) => ({ ...prev, ...patch })) as never,
      replace,
    })
  }

  return {
    state,
    viewId: search.view,
    trashed: Boolean(search.trashed),
    setQ: (q: string | undefined) => update({ q: q || undefined }),
    setSort: (sort: string | undefined) => update({ sort }),
    setFilters: (filters: FilterCondition[]) => update({ filters: filters.length ? filters : undefined }),
    setColumns: (columns: string[] | undefined) =>
      update({ columns: columns?.length ? columns.join(',') : undefined }),
    setTrashed: (trashed: boolean) => update({ trashed: trashed || undefined }, false),
    /** A saved view chosen (or "no view"): its whole state replaces the current one. */
    applyView: (viewId: string | undefined, next: ListState) =>
      update({ ...stateToSearch(next), view: viewId }, false),
  }
}

export type ListStateApi = ReturnType<typeof useListState>
