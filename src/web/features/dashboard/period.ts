import { addDays, fromEthiopian, type IsoDay, isIsoDay, toEthiopian } from '../charts/calendar.ts'

// The dashboard's filters as they live in the URL (`/?period=last-month&owner=me`), and
// the days a period preset covers. In a workspace on the Ethiopian calendar "this month"
// is the Ethiopian month (Hidar 1 → today), "this year" starts on Meskerem 1 and quarters
// are Meskerem–Hidar, Tahsas–Yekatit, Megabit–Ginbot and Sene–Pagume. The API always gets
// Gregorian days (storage and queries stay ISO).
// Kept free of zod and React: the router imports it at start-up.

export const PERIODS = [
  'this-month',
  'last-month',
  'this-quarter',
  'this-year',
  'last-30',
  'last-90',
  'custom',
] as const
export type PeriodPreset = (typeof PERIODS)[number]

export type DashboardSearch = {
  period?: PeriodPreset
  from?: IsoDay
  to?: IsoDay
  /** `me` or a member's user id; absent: everyone. */
  owner?: string
  pipeline?: string
}

const ID = /^[\w-]{1,64}$/

export function parseDashboardSearch(s: Record<string, unknown>): DashboardSearch {
  const period = PERIODS.find((p) => p === s.period)
  const custom = period === 'custom' && isIsoDay(s.from) && isIsoDay(s.to) && s.from <= s.to
  return {
    period: period === 'this-month' || (period === 'custom' && !custom) ? undefined : period,
    from: custom ? (s.from as IsoDay) : undefined,
    to: custom ? (s.to as IsoDay) : undefined,
    owner: typeof s.owner === 'string' && ID.test(s.owner) ? s.owner : undefined,
    pipeline: typeof s.pipeline === 'string' && ID.test(s.pipeline) ? s.pipeline : undefined,
  }
}

export type DayRange = { from: IsoDay; to: IsoDay }

function gregorian(preset: Exclude<PeriodPreset, 'custom' | 'last-30' | 'last-90'>, today: IsoDay): DayRange {
  const [y, m] = today.split('-').map(Number) as [number, number]
  const first = (year: number, month: number) =>
    new Date(Date.UTC(year, month - 1, 1)).toISOString().slice(0, 10)
  if (preset === 'this-month') return { from: first(y, m), to: today }
  if (preset === 'last-month') return { from: first(y, m - 1), to: addDays(first(y, m), -1) }
  if (preset === 'this-quarter') return { from: first(y, Math.floor((m - 1) / 3) * 3 + 1), to: today }
  return { from: first(y, 1), to: today }
}

function ethiopian(preset: Exclude<PeriodPreset, 'custom' | 'last-30' | 'last-90'>, today: IsoDay): DayRange {
  const e = toEthiopian(today)
  const monthStart = fromEthiopian({ ...e, day: 1 })
  if (preset === 'this-month') return { from: monthStart, to: today }
  if (preset === 'last-month') {
    const lastDay = addDays(monthStart, -1)
    return { from: fromEthiopian({ ...toEthiopian(lastDay), day: 1 }), to: lastDay }
  }
  if (preset === 'this-quarter') {
    const month = Math.floor((Math.min(e.month, 12) - 1) / 3) * 3 + 1
    return { from: fromEthiopian({ year: e.year, month, day: 1 }), to: today }
  }
  return { from: fromEthiopian({ year: e.year, month: 1, day: 1 }), to: today }
}

/** The days of the period the search asks for, `today` being today in the workspace. */
export function periodRange(search: DashboardSearch, today: IsoDay, ethiopic: boolean): DayRange {
  const preset = search.period ?? 'this-month'
  if (preset === 'custom' && search.from && search.to) return { from: search.from, to: search.to }
  if (preset === 'last-30') return { from: addDays(today, -29), to: today }
  if (preset === 'last-90') return { from: addDays(today, -89), to: today }
  const named = preset === 'custom' ? 'this-month' : preset
  return ethiopic ? ethiopian(named, today) : gregorian(named, today)
}
