import { describe, expect, it } from 'vitest'
import type { DatasetRow } from '../../../server/features/analytics/dataset.schema.ts'
import {
  controlOf,
  type Draft,
  errorsByControl,
  fromDefinition,
  missing,
  newDraft,
  pivot,
  sameDefinition,
  toDefinition,
  withGroup,
  withObject,
} from './draft.ts'
import type { ReportDefinition } from './reports-api.ts'

const isDate = (f: string) => f === 'createdAt' || f === 'closedAt'

describe('draft ↔ definition', () => {
  it('round-trips a two-level sum report, buckets only on date fields', () => {
    const def: ReportDefinition = {
      object: 'deal',
      filters: [{ field: 'status', op: 'eq', value: 'won' }],
      groupBy: [{ field: 'closedAt', bucket: 'quarter' }, { field: 'owner' }],
      measure: { fn: 'sum', field: 'amount' },
      chart: 'bar',
    }
    const draft = fromDefinition(def)
    expect(draft.groups).toEqual([
      { field: 'closedAt', bucket: 'quarter' },
      { field: 'owner', bucket: 'month' },
    ])
    expect(draft.measureField).toBe('amount')
    expect(toDefinition(draft, isDate)).toEqual(def)
  })

  it('count has no field, empty groups are left out, a second group needs a first', () => {
    const d: Draft = { ...newDraft('person'), measureField: 'x' }
    expect(toDefinition(d, isDate)).toEqual({
      object: 'person',
      filters: [],
      groupBy: [],
      measure: { fn: 'count' },
      chart: 'bar',
    })
    const second = withGroup(d, 1, { field: 'city', bucket: 'month' })
    // Only a second level chosen: it moves up to be the first.
    expect(second.groups.map((g) => g.field)).toEqual(['city', ''])
    const two = withGroup(second, 1, { field: 'createdAt', bucket: 'week' })
    expect(toDefinition(two, isDate).groupBy).toEqual([
      { field: 'city' },
      { field: 'createdAt', bucket: 'week' },
    ])
    const cleared = withGroup(two, 0, { field: '', bucket: 'month' })
    expect(toDefinition(cleared, isDate).groupBy).toEqual([{ field: 'createdAt', bucket: 'week' }])
  })

  it('another object starts afresh but keeps the chart type', () => {
    const d = {
      ...fromDefinition({ ...baseDef, chart: 'pie' }),
      filters: [{ field: 'x', op: 'me' as const }],
    }
    const next = withObject(d, 'activity')
    expect(next).toEqual({ ...newDraft('activity'), chart: 'pie' })
  })

  it('compares definitions whatever their key order', () => {
    const a: ReportDefinition = { ...baseDef, measure: { fn: 'sum', field: 'amount' } }
    const b = {
      chart: 'bar',
      measure: { field: 'amount', fn: 'sum' },
      groupBy: [],
      filters: [],
      object: 'deal',
    }
    expect(sameDefinition(a, b as ReportDefinition)).toBe(true)
    expect(sameDefinition(a, { ...a, chart: 'pie' })).toBe(false)
    expect(sameDefinition(baseDef, { ...baseDef, groupBy: [{ field: 'stage', bucket: undefined }] })).toBe(
      false,
    )
  })

  it('a sum without a field is not runnable yet', () => {
    expect(missing({ ...newDraft(), fn: 'avg' })).toBe('measure.field')
    expect(missing({ ...newDraft(), fn: 'avg', measureField: 'amount' })).toBeNull()
    expect(missing(newDraft())).toBeNull()
  })
})

const baseDef: ReportDefinition = {
  object: 'deal',
  filters: [],
  groupBy: [],
  measure: { fn: 'count' },
  chart: 'bar',
}

describe('server errors → controls', () => {
  it('maps field paths to the builder control', () => {
    expect(controlOf('definition.groupBy.1.bucket')).toBe('groupBy.1')
    expect(controlOf('definition.groupBy.0.field')).toBe('groupBy.0')
    expect(controlOf('definition.groupBy')).toBe('groupBy.0')
    expect(controlOf('definition.filters.2.value')).toBe('filters')
    expect(controlOf('definition.measure.field')).toBe('measure.field')
    expect(controlOf('definition.measure.fn')).toBe('measure.fn')
    expect(controlOf('definition.object')).toBe('object')
    expect(controlOf('name')).toBe('name')
    expect(controlOf('somethingElse')).toBeNull()
    expect(
      errorsByControl([
        { field: 'definition.measure.field', code: 'not_measurable' },
        { field: 'definition.measure.field', code: 'second' },
        { field: 'x', code: 'weird' },
      ]),
    ).toEqual({ 'measure.field': 'not_measurable', '': 'weird' })
  })
})

const row = (
  k0: string | null,
  k1: string | null,
  value: number | null,
  l0: string | null = null,
): DatasetRow => ({
  keys: [k0, k1],
  labels: [l0, null],
  value,
  drill: null,
})

describe('pivot', () => {
  it('first dimension down, second across, in server order, with totals', () => {
    const p = pivot({
      rows: [
        row('s1', 'u1', 3, 'Lead'),
        row('s1', 'u2', 2, 'Lead'),
        row('s2', 'u2', 5, 'Won'),
        row(null, 'u1', 1),
        row('s2', null, 4, 'Won'),
      ],
    })
    expect(p.columns.map((c) => c.key)).toEqual(['u1', 'u2', null])
    expect(p.rows.map((r) => [r.key, r.label, r.cells.map((c) => c?.value ?? null), r.total])).toEqual([
      ['s1', 'Lead', [3, 2, null], 5],
      ['s2', 'Won', [null, 5, 4], 9],
      [null, null, [1, null, null], 1],
    ])
    expect(p.totals).toEqual([4, 7, 4])
  })

  it('null values stay null in totals', () => {
    const p = pivot({ rows: [row('a', 'x', null), row('b', 'x', null)] })
    expect(p.totals).toEqual([null])
    expect(p.rows.map((r) => r.total)).toEqual([null, null])
  })
})
