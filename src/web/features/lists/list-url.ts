import type { FilterOp } from '../../../server/features/filters/filter.schema.ts'
import type { FilterCondition, ListState } from './list-state.ts'

// A list page keeps its state in the URL, so a filtered list can be bookmarked, shared and
// reloaded: `?q=&sort=-createdAt&filters=[{"field":"owner","op":"me"}]&columns=name,phone
// &view=<id>&trashed=true`. The router JSON-encodes `filters` (an array) by itself.
// Anything malformed in a hand-edited URL is dropped, never an error page. The checks
// mirror filter.schema.ts by hand (tested against it) so that zod stays out of the
// router's start-up bundle.
export type ListSearch = {
  q?: string
  sort?: string
  filters?: FilterCondition[]
  /** Visible columns as a comma list of field keys, e.g. `name,company,custom.budget`. */
  columns?: string
  view?: string
  trashed?: true
}

const FIELD_KEY = /^[A-Za-z][\w.]{0,79}$/
const SORT = /^-?[A-Za-z][\w.]{0,79}$/
const VIEW_ID = /^[\w-]{1,64}$/

function text(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return typeof v === 'string' && v ? v : undefined
}

export const FILTER_OPS_WEB: readonly FilterOp[] = [
  'contains',
  'notContains',
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'in',
  'notIn',
  'all',
  'empty',
  'notEmpty',
  'me',
]

type Scalar = string | number | boolean
const isScalar = (v: unknown): v is Scalar =>
  (typeof v === 'string' && v.length <= 500) ||
  (typeof v === 'number' && Number.isFinite(v)) ||
  typeof v === 'boolean'

/** One condition as filter.schema.ts accepts it, or null. */
export function parseCondition(x: unknown): FilterCondition | null {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return null
  const { field, op, value, ...rest } = x as Record<string, unknown>
  if (Object.keys(rest).length) return null
  if (typeof field !== 'string' || field.length < 1 || field.length > 80) return null
  if (!FILTER_OPS_WEB.includes(op as FilterOp)) return null
  const base = { field, op: op as FilterOp }
  if (value === undefined) return base
  if (isScalar(value)) return { ...base, value }
  if (Array.isArray(value) && value.length <= 200 && value.every((v) => v === null || isScalar(v)))
    return { ...base, value: value as (Scalar | null)[] }
  return null
}

/** Keeps the valid conditions (at most 20) of whatever came in: an array, or JSON text of one. */
export function parseFilters(v: unknown): FilterCondition[] {
  let raw = v
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw)
    } catch {
      return []
    }
  }
  if (!Array.isArray(raw)) return []
  const out: FilterCondition[] = []
  for (const item of raw) {
    const one = parseCondition(item)
    if (one && out.length < 20) out.push(one)
  }
  return out
}

export function parseColumns(v: unknown): string[] {
  const parts = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : []
  const keys = parts.map((p) => (typeof p === 'string' ? p.trim() : '')).filter((k) => FIELD_KEY.test(k))
  return [...new Set(keys)].slice(0, 50)
}

/** The routes' validateSearch: unknown-safe, every key optional. */
export function parseListSearch(s: Record<string, unknown>): ListSearch {
  const sort = text(s.sort)
  const view = text(s.view)
  const filters = parseFilters(s.filters)
  const columns = parseColumns(s.columns)
  return {
    q: text(s.q),
    sort: sort && SORT.test(sort) ? sort : undefined,
    filters: filters.length ? filters : undefined,
    columns: columns.length ? columns.join(',') : undefined,
    view: view && VIEW_ID.test(view) ? view : undefined,
    trashed: s.trashed === true || s.trashed === 'true' ? true : undefined,
  }
}

export function searchToState(search: ListSearch): ListState {
  const columns = search.columns ? parseColumns(search.columns) : []
  return {
    q: search.q,
    sort: search.sort,
    filters: search.filters ?? [],
    columns: columns.length ? columns : undefined,
  }
}

/** The URL keys of a state; absent/empty values become undefined so they leave the URL. */
export function stateToSearch(state: ListState): Pick<ListSearch, 'q' | 'sort' | 'filters' | 'columns'> {
  return {
    q: state.q || undefined,
    sort: state.sort || undefined,
    filters: state.filters.length ? state.filters : undefined,
    columns: state.columns?.length ? state.columns.join(',') : undefined,
  }
}

/** The list API's query parameters (also for /count, export and bulk "all matching"). */
export function apiParams(state: ListState, trashed?: boolean): Record<string, string | boolean | undefined> {
  return {
    q: state.q || undefined,
    sort: state.sort || undefined,
    filters: state.filters.length ? JSON.stringify(state.filters) : undefined,
    trashed: trashed || undefined,
  }
}

/** Same state? (For "this view has unsaved changes" and for resetting the selection.) */
export function sameState(a: ListState, b: ListState) {
  return JSON.stringify(stateToSearch(a)) === JSON.stringify(stateToSearch(b))
}
