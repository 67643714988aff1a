import type { Dataset, DatasetRow } from '../../../server/features/analytics/dataset.schema.ts'

// Dataset rows → what a chart draws: categories along the axis (the first dimension) and
// one series per combination of the other dimensions. Pure, so it is tested without a DOM.

export type Series = { name: string; values: (number | null)[]; rows: (DatasetRow | null)[] }
export type ChartData = { categories: string[]; series: Series[] }

/** `label(dimIndex, row)` formats one key of a row. */
export function toChartData(
  ds: Dataset,
  label: (dim: number, row: DatasetRow) => string,
  valueName: string,
): ChartData {
  const catIndex = new Map<string, number>()
  const categories: string[] = []
  const seriesIndex = new Map<string, Series>()
  const series: Series[] = []
  const many = ds.dimensions.length > 1
  for (const row of ds.rows) {
    const catKey = JSON.stringify(row.keys[0] ?? null)
    let c = catIndex.get(catKey)
    if (c === undefined) {
      c = categories.length
      catIndex.set(catKey, c)
      categories.push(ds.dimensions.length ? label(0, row) : valueName)
    }
    const serKey = many ? JSON.stringify(row.keys.slice(1)) : ''
    let s = seriesIndex.get(serKey)
    if (!s) {
      const name = many
        ? ds.dimensions
            .slice(1)
            .map((_, i) => label(i + 1, row))
            .join(' · ')
        : valueName
      s = { name, values: [], rows: [] }
      seriesIndex.set(serKey, s)
      series.push(s)
    }
    // A group whose every value is null (money without a rate) stays a gap, not a 0.
    const before = s.values[c]
    s.values[c] = row.value === null ? (before ?? null) : (before ?? 0) + row.value
    s.rows[c] = row
  }
  for (const s of series) {
    for (let i = 0; i < categories.length; i++) {
      if (s.values[i] === undefined) s.values[i] = null
      if (s.rows[i] === undefined) s.rows[i] = null
    }
  }
  return { categories, series }
}

/** Conditions present in every one of the filter lists (compared as JSON). */
function commonFilters(lists: NonNullable<DatasetRow['drill']>['filters'][]) {
  const [first, ...rest] = lists
  if (!first) return []
  const others = rest.map((l) => new Set(l.map((c) => JSON.stringify(c))))
  return first.filter((c) => others.every((o) => o.has(JSON.stringify(c))))
}

/**
 * The dataset without one dimension: rows that differ only there are added together.
 * A merged row drills to the conditions all its rows share (e.g. "type = call" when the
 * owner dimension is dropped), or not at all when they drill to different lists.
 */
export function dropDimension(ds: Dataset, index: number): Dataset {
  const groups = new Map<string, DatasetRow[]>()
  for (const row of ds.rows) {
    const keys = row.keys.filter((_, i) => i !== index)
    const k = JSON.stringify(keys)
    const g = groups.get(k)
    if (g) g.push(row)
    else groups.set(k, [row])
  }
  const rows: DatasetRow[] = []
  for (const g of groups.values()) {
    const first = g[0] as DatasetRow
    const values = g.map((r) => r.value).filter((v): v is number => v !== null)
    const drills = g.map((r) => r.drill)
    const object = drills[0]?.object
    const sameObject = drills.every((d) => d !== null && d.object === object)
    rows.push({
      keys: first.keys.filter((_, i) => i !== index),
      labels: first.labels.filter((_, i) => i !== index),
      value: values.length ? values.reduce((a, b) => a + b, 0) : null,
      drill:
        sameObject && object ? { object, filters: commonFilters(drills.map((d) => d?.filters ?? [])) } : null,
    })
  }
  return { ...ds, dimensions: ds.dimensions.filter((_, i) => i !== index), rows }
}
