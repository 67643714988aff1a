// Calendar arithmetic on plain dates ('YYYY-MM-DD', no time zone): days, bucket keys of
// datasets ('2026-03', '2026-W10', '2026-Q1', '2026') and the Ethiopian calendar
// (12 months of 30 days and Pagume of 5 or 6), converted through Julian day numbers so
// that the figures do not depend on the browser's ICU data.

export type IsoDay = string
export type EthDate = { year: number; month: number; day: number }

const DAY_MS = 86_400_000
/** Julian day number of 1970-01-01. */
const UNIX_JDN = 2_440_588
/** The Amete Mihret epoch offset of the usual Ethiopian ↔ Julian day number formulas. */
const ETH_EPOCH = 1_723_856

export function dayNumber(iso: IsoDay): number {
  const [y, m, d] = iso.split('-').map(Number)
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS)
}

export function isoFromDayNumber(n: number): IsoDay {
  return new Date(n * DAY_MS).toISOString().slice(0, 10)
}

export const addDays = (iso: IsoDay, days: number) => isoFromDayNumber(dayNumber(iso) + days)

export const daysBetween = (from: IsoDay, to: IsoDay) => dayNumber(to) - dayNumber(from)

export const isIsoDay = (v: unknown): v is IsoDay =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && isoFromDayNumber(dayNumber(v)) === v

export function toEthiopian(iso: IsoDay): EthDate {
  const jdn = dayNumber(iso) + UNIX_JDN
  const r = (((jdn - ETH_EPOCH) % 1461) + 1461) % 1461
  const n = (r % 365) + 365 * Math.floor(r / 1460)
  const year = 4 * Math.floor((jdn - ETH_EPOCH) / 1461) + Math.floor(r / 365) - Math.floor(r / 1460)
  return { year, month: Math.floor(n / 30) + 1, day: (n % 30) + 1 }
}

export function fromEthiopian({ year, month, day }: EthDate): IsoDay {
  const jdn = ETH_EPOCH + 365 + 365 * (year - 1) + Math.floor(year / 4) + 30 * month + day - 31
  return isoFromDayNumber(jdn - UNIX_JDN)
}

/** Days in an Ethiopian month: 30, Pagume 5 (6 in the year before a Gregorian leap year). */
export const ethMonthLength = (year: number, month: number) => (month < 13 ? 30 : year % 4 === 3 ? 6 : 5)

/** Today in a time zone, as a plain date. */
export function todayIn(timeZone: string | undefined, now = new Date()): IsoDay {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)
}

/** The first and last day of a dataset bucket key, or null when the key is not one. */
export function bucketRange(
  bucket: 'day' | 'week' | 'month' | 'quarter' | 'year',
  key: string,
): { from: IsoDay; to: IsoDay } | null {
  if (bucket === 'day' || (bucket === 'week' && isIsoDay(key))) {
    if (!isIsoDay(key)) return null
    return { from: key, to: bucket === 'week' ? addDays(key, 6) : key }
  }
  if (bucket === 'week') {
    // ISO week: '2026-W10' (or '2026-10'); week 1 holds the year's first Thursday.
    const m = /^(\d{4})-W?(\d{1,2})$/.exec(key)
    if (!m) return null
    const jan4 = dayNumber(`${m[1]}-01-04`)
    const monday = jan4 - ((new Date(jan4 * DAY_MS).getUTCDay() + 6) % 7) + (Number(m[2]) - 1) * 7
    return { from: isoFromDayNumber(monday), to: isoFromDayNumber(monday + 6) }
  }
  if (bucket === 'month') {
    const m = /^(\d{4})-(\d{2})$/.exec(key)
    if (!m) return null
    const from = `${m[1]}-${m[2]}-01`
    return { from, to: addMonthsStart(from, 1, -1) }
  }
  if (bucket === 'quarter') {
    const m = /^(\d{4})-Q([1-4])$/.exec(key)
    if (!m) return null
    const from = `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`
    return { from, to: addMonthsStart(from, 3, -1) }
  }
  if (!/^\d{4}$/.test(key)) return null
  return { from: `${key}-01-01`, to: `${key}-12-31` }
}

/** The first day of the Gregorian month `months` after `monthStart`, plus `days`. */
function addMonthsStart(monthStart: IsoDay, months: number, days = 0): IsoDay {
  const [y, m] = monthStart.split('-').map(Number)
  const start = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + months, 1)).toISOString().slice(0, 10)
  return addDays(start, days)
}
