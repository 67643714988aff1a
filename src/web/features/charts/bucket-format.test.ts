import { describe, expect, it } from 'vitest'
import { formatDayRange, makeBucketFormatter } from './bucket-format.ts'

// ICU puts thin spaces around the range dash; compared as plain spaces.
const plain = (text: string) => text.replace(/\s/gu, ' ')
const quarter = (n: number, year: string) => `Q${n} ${year}`

describe('bucket keys in the workspace calendar', () => {
  it('Gregorian', () => {
    const f = makeBucketFormatter('en', false, quarter)
    expect(plain(f('month', '2026-03'))).toBe('Mar 2026')
    expect(f('day', '2026-03-05')).toBe('Mar 5, 2026')
    expect(plain(f('week', '2026-03-02'))).toBe('Mar 2 – 8, 2026')
    expect(f('quarter', '2026-Q2')).toBe('Q2 2026')
    expect(plain(f('year', '2026'))).toBe('2026')
    expect(plain(f('month', 'not a month'))).toBe('not a month')
  })

  it('Ethiopian: month names, no era, Gregorian months as the days they cover', () => {
    const en = makeBucketFormatter('en-u-ca-ethiopic', true, quarter)
    expect(plain(en('month', '2026-03'))).toBe('Yekatit 22 – Megabit 22, 2018')
    expect(en('day', '2026-03-10')).toBe('Megabit 1, 2018')
    expect(plain(en('year', '2026'))).toBe('Tahsas 2018 – Tahsas 2019')
    const am = makeBucketFormatter('am-ET-u-ca-ethiopic', true, quarter)
    expect(plain(am('month', '2026-03'))).toBe('የካቲት 22 – መጋቢት 22፣ 2018')
    expect(am('day', '2026-03-10')).not.toMatch(/AM|ዓ\/ም/)
    expect(am('day', '2026-03-10')).toContain('መጋቢት')
  })

  it('a period of days in the Ethiopian calendar', () => {
    const fmt = new Intl.DateTimeFormat('en-u-ca-ethiopic', {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    })
    expect(plain(formatDayRange(fmt, '2026-11-10', '2026-11-27'))).toBe('Hedar 1 – 18, 2019')
  })
})
