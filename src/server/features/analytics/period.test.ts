import { describe, expect, it } from 'vitest'
import { activityBucket } from './charts.people.ts'
import { addDays, bucketStarts, dayIn, monthEnd, monthsOf, periodsOf, startOfDay } from './period.ts'

describe('dashboard periods', () => {
  it('reads days in the workspace time zone', () => {
    // 21:30 UTC on Feb 28 is already March 1 in Addis Ababa (UTC+3).
    expect(dayIn('Africa/Addis_Ababa', new Date('2026-02-28T21:30:00Z'))).toBe('2026-03-01')
    expect(startOfDay('Africa/Addis_Ababa', '2026-03-01').toISOString()).toBe('2026-02-28T21:00:00.000Z')
    // Daylight saving: Berlin is UTC+1 in March before the 29th, UTC+2 after.
    expect(startOfDay('Europe/Berlin', '2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z')
    expect(startOfDay('Europe/Berlin', '2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z')
  })

  it('defaults to this month so far; the previous period has as many days, right before', () => {
    const now = new Date('2026-03-10T22:00:00Z') // Mar 11, 01:00 in Addis
    const p = periodsOf('Africa/Addis_Ababa', {}, now)
    expect([p.current.from, p.current.to, p.current.days]).toEqual(['2026-03-01', '2026-03-11', 11])
    expect([p.previous.from, p.previous.to]).toEqual(['2026-02-18', '2026-02-28']) // 11 days
    expect(p.current.end.toISOString()).toBe('2026-03-11T21:00:00.000Z')
    const q = periodsOf('Africa/Addis_Ababa', { from: '2026-01-01', to: '2026-03-31' }, now)
    expect([q.previous.from, q.previous.to, q.current.days]).toEqual(['2025-10-03', '2025-12-31', 90]) // Oct 3–31 (29) + Nov (30) + Dec (31)
    // An unknown zone falls back to UTC.
    expect(
      periodsOf('Nowhere/Else', { from: '2026-03-01', to: '2026-03-01' }).current.start.toISOString(),
    ).toBe('2026-03-01T00:00:00.000Z')
  })

  it('lists months and buckets', () => {
    expect(monthsOf('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(monthEnd('2028-02')).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect([activityBucket(92), activityBucket(93)]).toEqual(['week', 'month'])
    // March 1 2026 is a Sunday: its week starts on Monday Feb 23.
    expect(bucketStarts('week', '2026-03-01', '2026-03-16')).toEqual([
      '2026-02-23',
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
    ])
    expect(bucketStarts('month', '2025-12-15', '2026-02-01')).toEqual([
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
    ])
  })
})
