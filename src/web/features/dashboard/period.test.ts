import { describe, expect, it } from 'vitest'
import { parseDashboardSearch, periodRange } from './period.ts'

describe('dashboard periods', () => {
  it('Gregorian presets', () => {
    const today = '2026-03-10'
    const range = (period: Parameters<typeof periodRange>[0]['period']) =>
      periodRange({ period }, today, false)
    expect(range(undefined)).toEqual({ from: '2026-03-01', to: '2026-03-10' })
    expect(range('last-month')).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(range('this-quarter')).toEqual({ from: '2026-01-01', to: '2026-03-10' })
    expect(range('this-year')).toEqual({ from: '2026-01-01', to: '2026-03-10' })
    expect(range('last-30')).toEqual({ from: '2026-02-09', to: '2026-03-10' })
    expect(range('last-90')).toEqual({ from: '2025-12-11', to: '2026-03-10' })
    // January: last month is December of the year before.
    expect(periodRange({ period: 'last-month' }, '2026-01-15', false)).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
    })
  })

  it('Ethiopian presets follow Ethiopian months and years', () => {
    // 2026-03-10 is Megabit 1, 2018; 2026-03-09 is Yekatit 30.
    expect(periodRange({}, '2026-03-10', true)).toEqual({ from: '2026-03-10', to: '2026-03-10' })
    expect(periodRange({}, '2026-03-09', true)).toEqual({ from: '2026-02-08', to: '2026-03-09' })
    expect(periodRange({ period: 'last-month' }, '2026-03-10', true)).toEqual({
      from: '2026-02-08',
      to: '2026-03-09',
    })
    // Megabit starts the third quarter (Megabit–Ginbot); the year starts Meskerem 1 = 2025-09-11.
    expect(periodRange({ period: 'this-quarter' }, '2026-03-20', true)).toEqual({
      from: '2026-03-10',
      to: '2026-03-20',
    })
    expect(periodRange({ period: 'this-year' }, '2026-03-20', true)).toEqual({
      from: '2025-09-11',
      to: '2026-03-20',
    })
    // Pagume (the 13th month, 5 days in 2018): this month is Pagume 1 → today, and it
    // belongs to the fourth quarter (from Sene 1 = 2026-06-08).
    expect(periodRange({}, '2026-09-08', true)).toEqual({ from: '2026-09-06', to: '2026-09-08' })
    expect(periodRange({ period: 'this-quarter' }, '2026-09-08', true)).toEqual({
      from: '2026-06-08',
      to: '2026-09-08',
    })
    // Meskerem 1, 2019: last month is Pagume 2018 (5 days).
    expect(periodRange({ period: 'last-month' }, '2026-09-11', true)).toEqual({
      from: '2026-09-06',
      to: '2026-09-10',
    })
    // After a 6-day Pagume (2015 E.C.).
    expect(periodRange({ period: 'last-month' }, '2023-09-12', true)).toEqual({
      from: '2023-09-06',
      to: '2023-09-11',
    })
  })

  it('custom periods and the URL', () => {
    expect(
      periodRange({ period: 'custom', from: '2026-01-05', to: '2026-02-01' }, '2026-03-10', false),
    ).toEqual({
      from: '2026-01-05',
      to: '2026-02-01',
    })
    expect(
      parseDashboardSearch({ period: 'custom', from: '2026-01-05', to: '2026-02-01', owner: 'me' }),
    ).toEqual({
      period: 'custom',
      from: '2026-01-05',
      to: '2026-02-01',
      owner: 'me',
      pipeline: undefined,
    })
    // A custom period without valid days, or backwards, is this month; junk is dropped.
    expect(
      parseDashboardSearch({ period: 'custom', from: '2026-02-30', to: '2026-03-01' }).period,
    ).toBeUndefined()
    expect(
      parseDashboardSearch({ period: 'custom', from: '2026-03-02', to: '2026-03-01' }).from,
    ).toBeUndefined()
    expect(parseDashboardSearch({ period: 'soon', owner: '<script>', pipeline: 5 })).toEqual({
      period: undefined,
      from: undefined,
      to: undefined,
      owner: undefined,
      pipeline: undefined,
    })
  })
})
