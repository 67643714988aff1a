import type { Case } from './cases.ts'
import { T_END } from './sql.ts'

// Issue 5, point 5: every dashboard widget for three periods, with and without an owner
// filter, the forecast, and three typical two-level grouped reports. Periods are anchored
// at the last day of the generated data (sql.ts T_END), not at today: the data stops there
// so that two runs make the same rows, and "this month" of the calendar would be empty.

export const DASHBOARD_WIDGETS = [
  ['kpis', '/api/v1/dashboard/kpis', 'KPIs (10 figures)'],
  ['pipeline-funnel', '/api/v1/dashboard/charts/pipeline-funnel', 'chart: pipeline by stage'],
  ['won-by-month', '/api/v1/dashboard/charts/won-by-month', 'chart: won value by month'],
  ['deals-by-owner', '/api/v1/dashboard/charts/deals-by-owner', 'chart: deals by owner'],
  ['activities', '/api/v1/dashboard/charts/activities', 'chart: activities by type and owner'],
  ['lead-sources', '/api/v1/dashboard/charts/lead-sources', 'chart: lead sources'],
  ['cities', '/api/v1/dashboard/charts/cities', 'chart: customers by city'],
] as const

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
/** "Today" for the dashboard: the last day with data. */
export const DATA_TODAY = day(T_END - 86_400_000)

export const PERIODS = [
  { key: 'month', label: 'this month', from: `${DATA_TODAY.slice(0, 8)}01`, to: DATA_TODAY },
  { key: '90d', label: 'last 90 days', from: day(T_END - 90 * 86_400_000), to: DATA_TODAY },
  { key: 'year', label: 'this year', from: `${DATA_TODAY.slice(0, 4)}-01-01`, to: DATA_TODAY },
] as const

/** Twelve whole months up to the data's last day (T_END is the first of a month), for the reports. */
const end = new Date(T_END)
const LAST_YEAR: [string, string] = [
  day(Date.UTC(end.getUTCFullYear() - 1, end.getUTCMonth(), 1)),
  DATA_TODAY,
]

const qs = (params: Record<string, string>) => new URLSearchParams(params).toString()

export type ReportSpec = { key: string; label: string; definition: Record<string, unknown> }

export const REPORTS: ReportSpec[] = [
  {
    key: 'deals stage x owner',
    label: 'deals by stage × owner, sum of amount (all deals)',
    definition: {
      object: 'deal',
      filters: [],
      groupBy: [{ field: 'stage' }, { field: 'owner' }],
      measure: { fn: 'sum', field: 'amount' },
      chart: 'bar',
    },
  },
  {
    key: 'activities month x type',
    label: `activities by occurredAt month × type, count (${LAST_YEAR[0]} – ${LAST_YEAR[1]})`,
    definition: {
      object: 'activity',
      filters: [{ field: 'occurredAt', op: 'between', value: LAST_YEAR }],
      groupBy: [{ field: 'occurredAt', bucket: 'month' }, { field: 'type' }],
      measure: { fn: 'count' },
      chart: 'bar',
    },
  },
  {
    key: 'people month x source',
    label: `people by createdAt month × source, count (${LAST_YEAR[0]} – ${LAST_YEAR[1]})`,
    definition: {
      object: 'person',
      filters: [{ field: 'createdAt', op: 'between', value: LAST_YEAR }],
      groupBy: [{ field: 'createdAt', bucket: 'month' }, { field: 'source' }],
      measure: { fn: 'count' },
      chart: 'bar',
    },
  },
]

/** The cases; `ownerId`: the member whose figures the owner filter asks for. */
export function analyticsCases(ownerId: string): Case[] {
  const cases: Case[] = []
  for (const [widget, path, label] of DASHBOARD_WIDGETS) {
    for (const p of PERIODS) {
      for (const owner of [false, true]) {
        const params: Record<string, string> = { from: p.from, to: p.to }
        if (owner) params.ownerId = ownerId
        cases.push({
          group: 'analytics',
          key: `analytics ${widget} ${p.key}${owner ? ' owner' : ''}`,
          label,
          url: `${path}?${qs(params)}`,
          depth: `${p.label} (${p.from} – ${p.to})`,
          owner,
        })
      }
    }
  }
  for (const owner of [false, true]) {
    const params: Record<string, string> = { months: '6' }
    if (owner) params.ownerId = ownerId
    cases.push({
      group: 'analytics',
      key: `analytics forecast${owner ? ' owner' : ''}`,
      label: 'forecast (GET /api/v1/forecast, 6 months)',
      url: `/api/v1/forecast?${qs(params)}`,
      depth: 'from the current month',
      owner,
    })
  }
  for (const r of REPORTS) {
    cases.push({
      group: 'analytics',
      key: `analytics report ${r.key}`,
      label: `report: ${r.label}`,
      url: '/api/v1/reports/run',
      method: 'POST',
      payload: { definition: r.definition },
      depth: 'POST /api/v1/reports/run',
      owner: false,
    })
  }
  return cases
}
