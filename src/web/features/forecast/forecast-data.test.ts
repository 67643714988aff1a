import { describe, expect, it } from 'vitest'
import type { ForecastOutput } from '../../../server/features/analytics/forecast.schema.ts'
import { attainment, forecastDataset, forecastDrill, monthTotals } from './forecast-data.ts'

const forecast: ForecastOutput = {
  currency: 'ETB',
  months: [
    {
      month: '2026-03',
      owners: [
        {
          ownerId: 'u1',
          ownerName: 'Abebe',
          openValue: 100_000,
          weightedValue: 40_000,
          wonValue: 25_000,
          targetMinor: 50_000,
        },
        {
          ownerId: 'u2',
          ownerName: 'Wanjiru',
          openValue: 20_000,
          weightedValue: 2_000,
          wonValue: 0,
          targetMinor: null,
        },
      ],
      notConverted: [{ currency: 'USD', amountMinor: 500 }],
    },
    {
      month: '2026-04',
      owners: [
        {
          ownerId: null,
          ownerName: null,
          openValue: 10_000,
          weightedValue: 9_000,
          wonValue: 0,
          targetMinor: null,
        },
      ],
      notConverted: [
        { currency: 'USD', amountMinor: 250 },
        { currency: 'KES', amountMinor: 100 },
      ],
    },
  ],
}

describe('forecast figures', () => {
  it('adds the owners of each month; no target is null, not 0', () => {
    expect(monthTotals(forecast)).toEqual([
      { month: '2026-03', openValue: 120_000, weightedValue: 42_000, wonValue: 25_000, targetMinor: 50_000 },
      { month: '2026-04', openValue: 10_000, weightedValue: 9_000, wonValue: 0, targetMinor: null },
    ])
  })

  it('charts weighted, won and target per month, with what could not be converted', () => {
    const ds = forecastDataset(forecast, { weighted: 'Weighted', won: 'Won', target: 'Target' })
    expect(ds.unit).toBe('money')
    expect(ds.currency).toBe('ETB')
    expect(ds.rows.map((r) => [r.keys[0], r.keys[1], r.labels[1], r.value])).toEqual([
      ['2026-03', 'weighted', 'Weighted', 42_000],
      ['2026-03', 'won', 'Won', 25_000],
      ['2026-03', 'target', 'Target', 50_000],
      ['2026-04', 'weighted', 'Weighted', 9_000],
      ['2026-04', 'won', 'Won', 0],
      ['2026-04', 'target', 'Target', null],
    ])
    expect(ds.notConverted).toEqual([
      { currency: 'USD', amountMinor: 750 },
      { currency: 'KES', amountMinor: 100 },
    ])
  })

  it('won against target', () => {
    expect(attainment(25_000, 50_000)).toBe(0.5)
    expect(attainment(25_000, null)).toBeNull()
    expect(attainment(0, 0)).toBeNull()
  })

  it('a bar opens the deals behind it', () => {
    expect(forecastDrill('2026-02', 'weighted', { ownerId: 'me' })).toEqual({
      object: 'deal',
      filters: [
        { field: 'status', op: 'eq', value: 'open' },
        { field: 'expectedCloseDate', op: 'between', value: ['2026-02-01', '2026-02-28'] },
        { field: 'owner', op: 'me' },
      ],
    })
    expect(forecastDrill('2024-02', 'won', { ownerId: 'u1', pipelineId: 'p1' })).toEqual({
      object: 'deal',
      filters: [
        { field: 'status', op: 'eq', value: 'won' },
        { field: 'closedAt', op: 'between', value: ['2024-02-01', '2024-02-29'] },
        { field: 'owner', op: 'eq', value: 'u1' },
        { field: 'pipeline', op: 'eq', value: 'p1' },
      ],
    })
    expect(forecastDrill('2026-02', 'target', {})).toBeNull()
  })
})
