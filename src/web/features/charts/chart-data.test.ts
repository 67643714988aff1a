import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../server/features/analytics/dataset.schema.ts'
import { dropDimension, toChartData } from './chart-data.ts'

const activities: Dataset = {
  unit: 'count',
  currency: null,
  dimensions: [
    { key: 'occurredAt', bucket: 'month' },
    { key: 'type', bucket: null },
    { key: 'owner', bucket: null },
  ],
  rows: [
    {
      keys: ['2026-01', 'call', 'u1'],
      labels: [null, null, 'Abebe'],
      value: 3,
      drill: {
        object: 'activity',
        filters: [
          { field: 'type', op: 'in', value: ['call'] },
          { field: 'owner', op: 'in', value: ['u1'] },
        ],
      },
    },
    {
      keys: ['2026-01', 'call', 'u2'],
      labels: [null, null, 'Wanjiru'],
      value: 2,
      drill: {
        object: 'activity',
        filters: [
          { field: 'type', op: 'in', value: ['call'] },
          { field: 'owner', op: 'in', value: ['u2'] },
        ],
      },
    },
    {
      keys: ['2026-02', 'note', 'u1'],
      labels: [null, null, 'Abebe'],
      value: 4,
      drill: null,
    },
  ],
  notConverted: [],
  truncated: false,
}

const label = (ds: Dataset) => (dim: number, row: Dataset['rows'][number]) =>
  row.labels[dim] ?? `${ds.dimensions[dim]?.key}=${row.keys[dim]}`

describe('chart data', () => {
  it('puts the first dimension on the axis and the others in series', () => {
    const data = toChartData(activities, label(activities), 'Count')
    expect(data.categories).toEqual(['occurredAt=2026-01', 'occurredAt=2026-02'])
    expect(data.series.map((s) => s.name)).toEqual([
      'type=call · Abebe',
      'type=call · Wanjiru',
      'type=note · Abebe',
    ])
    expect(data.series.map((s) => s.values)).toEqual([
      [3, null],
      [2, null],
      [null, 4],
    ])
    expect(data.series[2]?.rows[1]?.value).toBe(4)
  })

  it('one dimension is one series named after the value', () => {
    const ds: Dataset = { ...activities, dimensions: [{ key: 'source', bucket: null }], rows: [] }
    ds.rows = [
      { keys: ['referral'], labels: [null], value: 5, drill: null },
      { keys: [null], labels: [null], value: 1, drill: null },
    ]
    const data = toChartData(ds, label(ds), 'People')
    expect(data.categories).toEqual(['source=referral', 'source=null'])
    expect(data.series).toHaveLength(1)
    expect(data.series[0]?.name).toBe('People')
    expect(data.series[0]?.values).toEqual([5, 1])
  })

  it('drops a dimension by adding rows, keeping the filters they share', () => {
    const byType = dropDimension(activities, 2)
    expect(byType.dimensions.map((d) => d.key)).toEqual(['occurredAt', 'type'])
    expect(byType.rows).toEqual([
      {
        keys: ['2026-01', 'call'],
        labels: [null, null],
        value: 5,
        drill: { object: 'activity', filters: [{ field: 'type', op: 'in', value: ['call'] }] },
      },
      { keys: ['2026-02', 'note'], labels: [null, null], value: 4, drill: null },
    ])
    const byOwner = dropDimension(activities, 1)
    expect(byOwner.rows.map((r) => [r.keys, r.value])).toEqual([
      [['2026-01', 'u1'], 3],
      [['2026-01', 'u2'], 2],
      [['2026-02', 'u1'], 4],
    ])
  })
})
