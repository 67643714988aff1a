import type { Dataset } from '../../../server/features/analytics/dataset.schema.ts'
import { bucketRange, type IsoDay } from './calendar.ts'

// Date bucket keys of datasets ('2026-03', a week's Monday, '2026-Q1') as words in the
// workspace calendar. A Gregorian month seen from the Ethiopian calendar straddles two
// Ethiopian months, so it is written as the days it covers ("Yekatit 22 – Megabit 22").
type Bucket = NonNullable<Dataset['dimensions'][number]['bucket']>

const utc = (iso: IsoDay) => new Date(`${iso}T00:00:00Z`)

/** Drops the era ICU writes after Ethiopian years (see lib/format.ts) from formatted parts. */
export function joinWithoutEra(parts: { type: string; value: string }[]) {
  const out: { type: string; value: string }[] = []
  for (const part of parts) {
    if (part.type === 'era') {
      if (out.at(-1)?.type === 'literal' && !out.at(-1)?.value.trim()) out.pop()
      continue
    }
    out.push(part)
  }
  return out
    .map((p) => p.value)
    .join('')
    .trim()
}

/** "1 – 17 ኅዳር 2018": a range of days, era dropped. */
export const formatDayRange = (fmt: Intl.DateTimeFormat, from: IsoDay, to: IsoDay) =>
  joinWithoutEra(fmt.formatRangeToParts(utc(from), utc(to)))

/** Formats bucket keys of dates in the workspace calendar (Gregorian or Ethiopian). */
export function makeBucketFormatter(
  tag: string,
  ethiopic: boolean,
  quarter: (n: number, year: string) => string,
) {
  const fmt = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(tag, { timeZone: 'UTC', ...o })
  const day = fmt({ dateStyle: 'medium' })
  const dayRange = fmt({ day: 'numeric', month: 'short', year: 'numeric' })
  const month = fmt({ month: 'short', year: 'numeric' })
  const range = (f: Intl.DateTimeFormat, from: IsoDay, to: IsoDay) =>
    joinWithoutEra(f.formatRangeToParts(utc(from), utc(to)))
  return (bucket: Bucket, key: string): string => {
    const r = bucketRange(bucket, key)
    if (!r) return key
    if (bucket === 'day') return joinWithoutEra(day.formatToParts(utc(r.from)))
    if (bucket === 'week') return range(dayRange, r.from, r.to)
    // A Gregorian month or quarter straddles Ethiopian months: say which days it covers.
    if (bucket === 'month') return ethiopic ? range(dayRange, r.from, r.to) : range(month, r.from, r.from)
    if (bucket === 'quarter') {
      if (ethiopic) return range(month, r.from, r.to)
      return quarter(Number(key.slice(-1)), key.slice(0, 4))
    }
    return ethiopic ? range(month, r.from, r.to) : key
  }
}
