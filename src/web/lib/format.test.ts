import { describe, expect, it } from 'vitest'
import { intlLocale, makeFormatters } from './format.ts'

// Dates follow the workspace: its calendar (Ethiopian or Gregorian) and time zone.
const at = '2026-11-26T21:30:00.000Z' // 00:30 on the 27th in Addis Ababa

describe('makeFormatters', () => {
  it('shows Ethiopian-calendar dates without the Latin era', () => {
    const fmt = makeFormatters('am', { country: 'ET', calendar: 'ethiopic', timeZone: 'Africa/Addis_Ababa' })
    expect(fmt.date(at)).toBe('18 ኅዳር 2019')
    expect(fmt.dateTime(at)).not.toMatch(/AM|ዓ\.ም/)
  })

  it('shows Gregorian dates in the workspace time zone', () => {
    const fmt = makeFormatters('en', { country: 'KE', calendar: 'gregorian', timeZone: 'Africa/Nairobi' })
    expect(fmt.date(at)).toBe('Nov 27, 2026')
  })

  it('formats money from minor units with the currency', () => {
    const fmt = makeFormatters('en', { country: 'KE', calendar: 'gregorian', timeZone: 'Africa/Nairobi' })
    expect(fmt.money(150000, 'KES')).toMatch(/^(KES|Ksh)\s?1,500\.00$/)
    expect(fmt.money(1500, 'UGX')).toMatch(/^(UGX|USh)\s?1,500$/)
  })

  it('picks a regional Intl locale per language', () => {
    expect(intlLocale('sw', 'KE')).toBe('sw-KE')
    expect(intlLocale('am', 'ET', 'ethiopic')).toBe('am-ET-u-ca-ethiopic')
  })
})
