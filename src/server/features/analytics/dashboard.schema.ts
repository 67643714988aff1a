import * as z from 'zod'
import { filterCondition } from '../filters/filter.schema.ts'
import { notConvertedOutput } from './dataset.schema.ts'

// The home dashboard's query and KPI shapes. Charts answer the shared `Dataset`
// (dataset.schema.ts).

/** Longest period the dashboard accepts (about five years): bounds the month/week buckets. */
export const MAX_PERIOD_DAYS = 1830

export const dashboardQuery = z
  .object({
    from: z.iso
      .date()
      .optional()
      .describe('First day (YYYY-MM-DD, workspace time zone); default: 1st of this month'),
    to: z.iso.date().optional().describe('Last day, inclusive; default: today'),
    ownerId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('A member’s user id, or `me`: deals and people by owner, tasks by assignee'),
    pipelineId: z.uuid().optional().describe('Deal figures of one pipeline only'),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from && q.to) {
      const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000
      if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must be on or after from' })
      else if (days >= MAX_PERIOD_DAYS)
        ctx.addIssue({ code: 'custom', path: ['to'], message: `At most ${MAX_PERIOD_DAYS} days after from` })
    }
  })
export type DashboardQuery = z.infer<typeof dashboardQuery>

export const CHARTS = [
  'pipeline-funnel',
  'won-by-month',
  'deals-by-owner',
  'activities',
  'lead-sources',
  'cities',
] as const
export type ChartName = (typeof CHARTS)[number]
export const chartParams = z.object({ chart: z.enum(CHARTS) })

export const KPI_KEYS = [
  'newPeople',
  'newDeals',
  'dealsWonCount',
  'dealsWonValue',
  'winRate',
  'avgDealSize',
  'avgSalesCycleDays',
  'openPipelineValue',
  'weightedForecast',
  'overdueTasks',
] as const
export type KpiKey = (typeof KPI_KEYS)[number]

export const drillOutput = z.object({
  object: z.enum(['person', 'company', 'deal', 'activity']),
  filters: z.array(filterCondition),
})
export type Drill = z.infer<typeof drillOutput>

export const kpiOutput = z
  .object({
    key: z.enum(KPI_KEYS),
    unit: z.enum(['count', 'money', 'ratio', 'days']),
    value: z.number().nullable().describe('Money in minor units of the workspace currency; ratio 0–1'),
    previous: z
      .number()
      .nullable()
      .describe('The same figure over the previous period; null for "now" figures'),
    notConverted: z
      .array(notConvertedOutput)
      .describe('Money of the period without an exchange rate, left out'),
    drill: drillOutput.nullable(),
  })
  .meta({ id: 'Kpi' })
export type Kpi = z.infer<typeof kpiOutput>

export const kpisOutput = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    previousFrom: z.iso.date(),
    previousTo: z.iso.date(),
    currency: z.string(),
    kpis: z.array(kpiOutput),
  })
  .meta({ id: 'DashboardKpis' })
export type KpisOutput = z.infer<typeof kpisOutput>
