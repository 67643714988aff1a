import * as z from 'zod'
import { FIELD_OBJECTS, fieldOutput, filterList } from '../filters/filter.schema.ts'

// Saved reports: an object's records, filtered with the list filter model, grouped by up
// to two fields (date fields in buckets) and measured (count, or sum/avg/min/max of a
// number or currency field). Running one answers a `Dataset` (analytics/dataset.schema.ts).

export const REPORT_BUCKETS = ['day', 'week', 'month', 'quarter', 'year'] as const
export const REPORT_FNS = ['count', 'sum', 'avg', 'min', 'max'] as const
export const REPORT_CHARTS = ['bar', 'line', 'pie', 'table'] as const

export const reportGroupBy = z
  .object({
    field: z.string().min(1).max(80).describe('A field key of GET /reports/fields that can be grouped'),
    bucket: z
      .enum(REPORT_BUCKETS)
      .optional()
      .describe('Date fields only (default month). Weeks start on Monday; days are workspace days'),
  })
  .strict()

export const reportDefinition = z
  .object({
    object: z.enum(FIELD_OBJECTS),
    filters: filterList.default([]),
    groupBy: z.array(reportGroupBy).max(2).default([]),
    measure: z
      .object({
        fn: z.enum(REPORT_FNS),
        field: z
          .string()
          .min(1)
          .max(80)
          .optional()
          .describe('A number or currency field; required except for count (ignored there)'),
      })
      .strict()
      .default({ fn: 'count' }),
    chart: z.enum(REPORT_CHARTS).default('bar'),
  })
  .strict()
  .meta({ id: 'ReportDefinition' })

const name = z.string().trim().min(1).max(100)

export const reportCreateInput = z
  .object({
    name,
    shared: z.boolean().default(false).describe('Visible to the whole workspace (needs the member role)'),
    definition: reportDefinition,
  })
  .strict()
  .meta({ id: 'ReportCreate' })

export const reportUpdateInput = z
  .object({ name: name.optional(), shared: z.boolean().optional(), definition: reportDefinition.optional() })
  .strict()
  .meta({ id: 'ReportUpdate' })

export const reportRunInput = z.object({ definition: reportDefinition }).strict().meta({ id: 'ReportRun' })

export const reportOutput = z
  .object({
    id: z.uuid(),
    name: z.string(),
    shared: z.boolean(),
    ownerId: z.string(),
    definition: reportDefinition,
    pinned: z.boolean().describe('On my dashboard'),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Report' })

export const reportsListOutput = z.object({ data: z.array(reportOutput) })

export const reportCsvQuery = z
  .object({
    excel: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => v === 'true')
      .describe('Start with a UTF-8 byte-order mark so Excel reads the accents right'),
  })
  .strict()

export const reportFieldsQuery = z.object({ object: z.enum(FIELD_OBJECTS) }).strict()

export const reportFieldOutput = fieldOutput
  .extend({
    groupable: z.boolean(),
    buckets: z.array(z.enum(REPORT_BUCKETS)).describe('For date fields: the buckets; else empty'),
    measures: z.array(z.enum(REPORT_FNS)).describe('sum, avg, min, max on number and currency fields'),
  })
  .meta({ id: 'ReportField' })

export const reportFieldsOutput = z.object({ data: z.array(reportFieldOutput) })

export type ReportDefinition = z.infer<typeof reportDefinition>
export type ReportBucket = (typeof REPORT_BUCKETS)[number]
export type ReportCreateInput = z.infer<typeof reportCreateInput>
export type ReportUpdateInput = z.infer<typeof reportUpdateInput>
export type Report = z.infer<typeof reportOutput>
export type ReportField = z.infer<typeof reportFieldOutput>
