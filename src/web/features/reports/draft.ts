import type { Dataset, DatasetRow } from '../../../server/features/analytics/dataset.schema.ts'
import type { FilterCondition } from '../lists/list-state.ts'
import type { ReportDefinition } from './reports-api.ts'

// The report builder's state and the saved definition, both ways; the table's pivot of a
// two-level dataset; which control a server error is about.
// No React, no Lingui: unit-tested in draft.test.ts.
export type ReportObject = ReportDefinition['object']
export type Bucket = NonNullable<ReportDefinition['groupBy'][number]['bucket']>
export type MeasureFn = ReportDefinition['measure']['fn']
export type ChartKind = ReportDefinition['chart']

export const REPORT_OBJECTS: readonly ReportObject[] = ['person', 'company', 'deal', 'activity']
export const BUCKETS: readonly Bucket[] = ['day', 'week', 'month', 'quarter', 'year']
export const MEASURE_FNS: readonly MeasureFn[] = ['count', 'sum', 'avg', 'min', 'max']
export const CHART_KINDS: readonly ChartKind[] = ['bar', 'line', 'pie', 'table']

/** One "group by" select: no field chosen is ''. The bucket is kept while a non-date field is picked. */
export type GroupDraft = { field: string; bucket: Bucket }

export type Draft = {
  object: ReportObject
  filters: FilterCondition[]
  groups: [GroupDraft, GroupDraft]
  fn: MeasureFn
  /** The summed / averaged field; '' while none is chosen (or for count). */
  measureField: string
  chart: ChartKind
}

const noGroup = (): GroupDraft => ({ field: '', bucket: 'month' })

export function newDraft(object: ReportObject = 'deal'): Draft {
  return { object, filters: [], groups: [noGroup(), noGroup()], fn: 'count', measureField: '', chart: 'bar' }
}

/** Another object: its fields differ, so filters, groups and the measure start afresh. */
export function withObject(draft: Draft, object: ReportObject): Draft {
  return { ...newDraft(object), chart: draft.chart }
}

/** Sets group 0 or 1; clearing the first moves the second up (a second level needs a first). */
export function withGroup(draft: Draft, index: 0 | 1, group: GroupDraft): Draft {
  const groups: [GroupDraft, GroupDraft] = [draft.groups[0], draft.groups[1]]
  groups[index] = group
  if (!groups[0].field && groups[1].field) return { ...draft, groups: [groups[1], noGroup()] }
  return { ...draft, groups }
}

/**
 * The definition the API takes. `isDate` says which fields are bucketed by date; the
 * measure keeps an empty field for sum/avg/min/max so the server (or `missing`) names it.
 */
export function toDefinition(draft: Draft, isDate: (field: string) => boolean): ReportDefinition {
  const groupBy: ReportDefinition['groupBy'] = []
  for (const g of draft.groups) {
    if (!g.field) break
    groupBy.push(isDate(g.field) ? { field: g.field, bucket: g.bucket } : { field: g.field })
  }
  const measure: ReportDefinition['measure'] =
    draft.fn === 'count' ? { fn: 'count' } : { fn: draft.fn, field: draft.measureField }
  return { object: draft.object, filters: draft.filters, groupBy, measure, chart: draft.chart }
}

export function fromDefinition(def: ReportDefinition): Draft {
  const group = (i: number): GroupDraft => {
    const g = def.groupBy[i]
    return g ? { field: g.field, bucket: g.bucket ?? 'month' } : noGroup()
  }
  return {
    object: def.object,
    filters: def.filters,
    groups: [group(0), group(1)],
    fn: def.measure.fn,
    measureField: def.measure.fn === 'count' ? '' : (def.measure.field ?? ''),
    chart: def.chart,
  }
}

/** Same definition, whatever the order of keys inside (for "unsaved changes"). */
export function sameDefinition(a: ReportDefinition, b: ReportDefinition): boolean {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== undefined)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, x]) => [k, canon(x)]),
          )
        : v
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b))
}

/** What must still be chosen before the report can run: the control's key, or null. */
export function missing(draft: Draft): 'measure.field' | null {
  return draft.fn !== 'count' && !draft.measureField ? 'measure.field' : null
}

/** The builder's controls a server error can point at. */
export type Control =
  | 'name'
  | 'object'
  | 'filters'
  | 'groupBy.0'
  | 'groupBy.1'
  | 'measure.fn'
  | 'measure.field'
  | 'chart'

/** `definition.groupBy.1.bucket` → `groupBy.1`; `definition.filters.2.value` → `filters`; else null. */
export function controlOf(path: string): Control | null {
  const p = path.replace(/^(body\.)?(definition\.)?/, '')
  if (p === 'name' || p.startsWith('name.')) return 'name'
  if (p === 'object') return 'object'
  if (p === 'chart') return 'chart'
  if (p === 'filters' || p.startsWith('filters.')) return 'filters'
  const g = /^groupBy(?:\.(\d+))?/.exec(p)
  if (g) return g[1] === '1' ? 'groupBy.1' : 'groupBy.0'
  if (p === 'measure.field') return 'measure.field'
  if (p === 'measure' || p.startsWith('measure.')) return 'measure.fn'
  return null
}

/** Server field errors grouped by control (the first code of each); unplaced ones under ''. */
export function errorsByControl(
  errors: { field: string; code: string }[],
): Partial<Record<Control | '', string>> {
  const out: Partial<Record<Control | '', string>> = {}
  for (const e of errors) {
    const c = controlOf(e.field) ?? ''
    if (!out[c]) out[c] = e.code
  }
  return out
}

// ── The table ──────────────────────────────────────────────────────────────────────

export type Key = string | null
type Head = { key: Key; label: string | null }

/** Keys of one dimension in the order they first appear (the server's order). */
function heads(rows: DatasetRow[], dim: number): Head[] {
  const seen = new Map<Key, Head>()
  for (const r of rows) {
    const key = r.keys[dim] ?? null
    if (!seen.has(key)) seen.set(key, { key, label: r.labels[dim] ?? null })
  }
  return [...seen.values()]
}

export type Pivot = {
  /** Values of the second dimension: the columns. */
  columns: Head[]
  /** One per value of the first dimension; `cells[i]` is the row of column i, or null. */
  rows: (Head & { cells: (DatasetRow | null)[]; total: number | null })[]
  /** Per column; null where no cell has a value. */
  totals: (number | null)[]
}

const add = (a: number | null, b: number | null | undefined) =>
  b === null || b === undefined ? a : (a ?? 0) + b

/**
 * A two-level dataset as a cross table: first dimension down, second across. Totals only
 * make sense for additive measures (count, sum), so the caller decides whether to show them.
 */
export function pivot(dataset: Pick<Dataset, 'rows'>): Pivot {
  const columns = heads(dataset.rows, 1)
  const index = new Map(columns.map((c, i) => [c.key, i]))
  const byRow = new Map<Key, Pivot['rows'][number]>()
  for (const r of dataset.rows) {
    const key = r.keys[0] ?? null
    let row = byRow.get(key)
    if (!row) {
      row = { key, label: r.labels[0] ?? null, cells: columns.map(() => null), total: null }
      byRow.set(key, row)
    }
    const at = index.get(r.keys[1] ?? null) ?? 0
    row.cells[at] = r
    row.total = add(row.total, r.value)
  }
  const rows = [...byRow.values()]
  const totals = columns.map((_, i) => rows.reduce<number | null>((s, r) => add(s, r.cells[i]?.value), null))
  return { columns, rows, totals }
}
