import { safeTimeZone } from '../activities/tasks.service.ts'

// Dashboard periods are whole days of the workspace's time zone: a shop in Addis and its
// owner abroad see the same "this month". Days are `YYYY-MM-DD` strings; the SQL reads
// instants (the start of `from` up to the start of the day after `to`).

export type Period = {
  from: string
  to: string
  /** Start of `from` and of the day after `to`, in the workspace time zone. */
  start: Date
  end: Date
  days: number
}

const DAY = 86_400_000

export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY)

/** The calendar day (YYYY-MM-DD) of `at` in `timeZone`. */
export function dayIn(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}

/** Offset of `timeZone` from UTC at instant `at`, in ms (Addis Ababa: +3 h). */
function offsetAt(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at))
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'))
  return asUtc - Math.floor(at / 1000) * 1000
}

/** The instant day `day` starts in `timeZone` (midnight local; DST-safe by re-checking). */
export function startOfDay(timeZone: string, day: string): Date {
  const local = Date.parse(`${day}T00:00:00Z`)
  let guess = local - offsetAt(timeZone, local)
  guess = local - offsetAt(timeZone, guess)
  return new Date(guess)
}

export function makePeriod(timeZone: string, from: string, to: string): Period {
  return {
    from,
    to,
    start: startOfDay(timeZone, from),
    end: startOfDay(timeZone, addDays(to, 1)),
    days: daysBetween(from, to) + 1,
  }
}

/**
 * The period asked for (default: the 1st of the current month to today) and the one before
 * it: the same number of days, ending the day before `from`.
 */
export function periodsOf(
  workspaceTimeZone: string,
  query: { from?: string | undefined; to?: string | undefined },
  now = new Date(),
): { current: Period; previous: Period; timeZone: string; today: string } {
  const timeZone = safeTimeZone(workspaceTimeZone)
  const today = dayIn(timeZone, now)
  const to = query.to ?? (query.from && query.from > today ? query.from : today)
  const from = query.from ?? `${to.slice(0, 8)}01`
  const current = makePeriod(timeZone, from, to)
  const previousTo = addDays(from, -1)
  const previous = makePeriod(timeZone, addDays(previousTo, -(current.days - 1)), previousTo)
  return { current, previous, timeZone, today }
}

/** `YYYY-MM` keys of every month touching [from, to], in order. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = []
  let y = Number(from.slice(0, 4))
  let m = Number(from.slice(5, 7))
  const last = to.slice(0, 7)
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`
    out.push(key)
    if (key >= last) return out
    m += 1
    if (m > 12) {
      m = 1
      y += 1
    }
  }
}

/** Last day of month `YYYY-MM`. */
export const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
}

/** A day moved into [from, to] (ISO days compare as strings). */
export function clipDay(day: string, from: string, to: string): string {
  if (day < from) return from
  if (day > to) return to
  return day
}

/** First day of each bucket touching [from, to]: Mondays, or firsts of months. */
export function bucketStarts(bucket: 'week' | 'month', from: string, to: string): string[] {
  const out: string[] = []
  if (bucket === 'week') {
    const monday = addDays(from, -((new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7))
    for (let d = monday; d <= to; d = addDays(d, 7)) out.push(d)
  } else {
    for (let d = `${from.slice(0, 7)}-01`; d <= to; d = nextMonthStart(d)) out.push(d)
  }
  return out
}

export const nextMonthStart = (day: string) => addDays(monthEnd(day.slice(0, 7)), 1)

/**
 * The first instants of buckets (days in `timeZone`) as a timestamptz[] parameter for
 * `width_bucket(ts, bounds)`: a binary search per row, cheaper than `date_trunc` on a
 * zoned timestamp, and bucket i (1-based) is `days[i - 1]`.
 */
export const boundsParam = (timeZone: string, days: string[]) =>
  `{${days.map((d) => startOfDay(timeZone, d).toISOString()).join(',')}}`
