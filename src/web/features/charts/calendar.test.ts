import { describe, expect, it } from 'vitest'
import {
  addDays,
  bucketRange,
  daysBetween,
  ethMonthLength,
  fromEthiopian,
  isIsoDay,
  todayIn,
  toEthiopian,
} from './calendar.ts'

/** The Ethiopian date ICU gives (what the browser shows), to cross-check our arithmetic. */
const ethFmt = new Intl.DateTimeFormat('en-u-ca-ethiopic', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
})
function icuEthiopian(iso: string) {
  const parts = ethFmt.formatToParts(new Date(`${iso}T00:00:00Z`))
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return { year: n('year'), month: n('month'), day: n('day') }
}

describe('calendar arithmetic', () => {
  it('adds and counts days across months and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364)
    expect(isIsoDay('2026-02-29')).toBe(false)
    expect(isIsoDay('2024-02-29')).toBe(true)
  })

  it('converts to and from the Ethiopian calendar', () => {
    // Meskerem 1, 2017 is 11 September 2024; Meskerem 1, 2016 was 12 September 2023
    // (the year after Pagume 6).
    expect(toEthiopian('2024-09-11')).toEqual({ year: 2017, month: 1, day: 1 })
    expect(toEthiopian('2023-09-12')).toEqual({ year: 2016, month: 1, day: 1 })
    expect(toEthiopian('2023-09-11')).toEqual({ year: 2015, month: 13, day: 6 })
    expect(toEthiopian('2026-03-10')).toEqual({ year: 2018, month: 7, day: 1 })
    expect(fromEthiopian({ year: 2018, month: 13, day: 5 })).toBe('2026-09-10')
    expect(fromEthiopian({ year: 2019, month: 1, day: 1 })).toBe('2026-09-11')
    expect(ethMonthLength(2015, 13)).toBe(6)
    expect(ethMonthLength(2018, 13)).toBe(5)
  })

  it('agrees with ICU on every day of four years, both ways', () => {
    for (let d = 0; d < 4 * 366; d += 1) {
      const iso = addDays('2023-01-01', d)
      const eth = toEthiopian(iso)
      expect(eth).toEqual(icuEthiopian(iso))
      expect(fromEthiopian(eth)).toBe(iso)
    }
  })

  it('gives the first and last day of bucket keys', () => {
    expect(bucketRange('month', '2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    expect(bucketRange('month', '2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' })
    expect(bucketRange('quarter', '2026-Q2')).toEqual({ from: '2026-04-01', to: '2026-06-30' })
    expect(bucketRange('year', '2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' })
    expect(bucketRange('day', '2026-03-05')).toEqual({ from: '2026-03-05', to: '2026-03-05' })
    // A week key is its Monday, or an ISO week number (week 1 of 2026 starts 29 Dec 2025).
    expect(bucketRange('week', '2026-03-02')).toEqual({ from: '2026-03-02', to: '2026-03-08' })
    expect(bucketRange('week', '2026-W01')).toEqual({ from: '2025-12-29', to: '2026-01-04' })
    expect(bucketRange('week', '2026-W10')).toEqual({ from: '2026-03-02', to: '2026-03-08' })
    expect(bucketRange('month', 'soon')).toBeNull()
  })

  it("knows today's date in a time zone", () => {
    const now = new Date('2026-03-31T22:30:00Z')
    expect(todayIn('Africa/Addis_Ababa', now)).toBe('2026-04-01')
    expect(todayIn('UTC', now)).toBe('2026-03-31')
  })
})
