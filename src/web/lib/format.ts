import { useLingui } from '@lingui/react'
import { useMe } from './session.ts'

// Dates, numbers and money through Intl in the user's language. The workspace decides
// the calendar (Gregorian or Ethiopian) and the time zone dates are shown in; storage
// stays ISO/UTC.
export function intlLocale(locale: string, country?: string, calendar?: string) {
  const region = locale === 'am' ? 'ET' : locale === 'sw' ? (country === 'KE' ? 'KE' : 'TZ') : undefined
  const tag = region ? `${locale}-${region}` : locale
  return calendar === 'ethiopic' ? `${tag}-u-ca-ethiopic` : tag
}

export type Formatters = ReturnType<typeof createFormatters>
type WorkspaceFormat = { country: string; calendar: string; timeZone: string }

/** ISO 4217 minor-unit digits as Intl knows them (2 for ETB, KES, TZS, USD; 0 for UGX). */
export function currencyDigits(currency: string) {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  )
}

// Intl formatters are costly to build and every list row formats dates and money, so one
// set is kept per language + workspace settings, and one money formatter per currency.
const cache = new Map<string, Formatters>()

export function makeFormatters(locale: string, ws?: WorkspaceFormat) {
  const key = [locale, ws?.country, ws?.calendar, ws?.timeZone].join('|')
  let set = cache.get(key)
  if (!set) {
    set = createFormatters(locale, ws)
    cache.set(key, set)
  }
  return set
}

function createFormatters(locale: string, ws?: WorkspaceFormat) {
  const tag = intlLocale(locale, ws?.country, ws?.calendar)
  const timeZone = ws?.timeZone
  const dateFmt = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone })
  const dateTimeFmt = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone })
  const numberFmt = new Intl.NumberFormat(intlLocale(locale, ws?.country))
  const moneyFmts = new Map<string, { fmt: Intl.NumberFormat; scale: number }>()
  return {
    date: (iso: string | Date) => withoutEra(dateFmt, new Date(iso)),
    dateTime: (iso: string | Date) => withoutEra(dateTimeFmt, new Date(iso)),
    number: (n: number) => numberFmt.format(n),
    money: (minor: number, currency: string) => {
      let m = moneyFmts.get(currency)
      if (!m) {
        m = {
          fmt: new Intl.NumberFormat(intlLocale(locale, ws?.country), { style: 'currency', currency }),
          scale: 10 ** currencyDigits(currency),
        }
        moneyFmts.set(currency, m)
      }
      return m.fmt.format(minor / m.scale)
    },
  }
}

export function useFormat(): Formatters {
  const { i18n } = useLingui()
  const me = useMe()
  return makeFormatters(i18n.locale, me.data?.workspace ?? undefined)
}

/**
 * ICU writes the Ethiopian era as a Latin "AM" ("17 ኅዳር 2019 AM"), easy to misread as a
 * time of day; the workspace already says which calendar it uses, so the era is dropped.
 */
function withoutEra(fmt: Intl.DateTimeFormat, date: Date) {
  const out: Intl.DateTimeFormatPart[] = []
  for (const part of fmt.formatToParts(date)) {
    if (part.type === 'era') {
      if (out.at(-1)?.type === 'literal' && !out.at(-1)?.value.trim()) out.pop()
      continue
    }
    out.push(part)
  }
  return out.map((p) => p.value).join('')
}
