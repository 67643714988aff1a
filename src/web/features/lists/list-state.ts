import type { FilterCondition } from '../../../server/features/filters/filter.schema.ts'

// The state of a list page, as it lives in the URL and in saved views.
export type { FilterCondition }
export type ListObject = 'person' | 'company' | 'deal' | 'activity'
export type ListState = {
  q?: string
  sort?: string
  filters: FilterCondition[]
  /** Field keys of the visible columns, in order; absent means the list's default columns. */
  columns?: string[]
}
/** Rows picked one by one, or every row the current filters match. */
export type Selection = { ids: string[] } | { all: true }
