import type { FilterCondition, ListState } from '../lists/list-state.ts'

// Comparing a list's current state with a saved view's, to offer "Update view" only when
// something really changed: empty search, absent sort and key order do not count.

/** The state as a view stores it: no empty search or sort, filters always present. */
export function cleanState(state: Partial<ListState> | undefined): ListState {
  const out: ListState = { filters: (state?.filters ?? []).map(cleanCondition) }
  const q = state?.q?.trim()
  if (q) out.q = q
  if (state?.sort) out.sort = state.sort
  if (state?.columns) out.columns = [...state.columns]
  return out
}

function cleanCondition(c: FilterCondition): FilterCondition {
  return c.value === undefined ? { field: c.field, op: c.op } : { field: c.field, op: c.op, value: c.value }
}

export function sameState(a: Partial<ListState> | undefined, b: Partial<ListState> | undefined): boolean {
  const x = cleanState(a)
  const y = cleanState(b)
  return (
    (x.q ?? '') === (y.q ?? '') &&
    (x.sort ?? '') === (y.sort ?? '') &&
    JSON.stringify(x.filters) === JSON.stringify(y.filters) &&
    JSON.stringify(x.columns ?? null) === JSON.stringify(y.columns ?? null)
  )
}

/** A list opened as it comes: no filters, search or sort (the columns do not matter). */
export const isBlankState = (state: Partial<ListState>) =>
  !state.filters?.length && !state.q?.trim() && !state.sort
