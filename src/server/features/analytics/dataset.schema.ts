import * as z from 'zod'
import { filterCondition } from '../filters/filter.schema.ts'

// The one shape every chart reads: dashboard widgets, reports, the forecast. Rows are
// groups; `keys` holds one raw key per dimension (a stage id, a user id, `2026-03` for a
// month, `call` for an activity type), `labels` a display name where the server knows one
// (stage and user names) or null where the web app formats the key (months in the
// workspace calendar, translated activity types and lead sources).
export const DATASET_UNITS = ['count', 'money', 'days', 'ratio', 'number'] as const

export const datasetDimension = z.object({
  // A field key of the object's catalog (`stage`, `owner`, `createdAt`, `custom.region`) or
  // a dashboard dimension (`month`, `type`, `source`, `city`).
  key: z.string(),
  // For date dimensions: how the keys are bucketed.
  bucket: z.enum(['day', 'week', 'month', 'quarter', 'year']).nullable(),
})

export const datasetRow = z.object({
  keys: z.array(z.string().nullable()),
  labels: z.array(z.string().nullable()),
  value: z.number().nullable(),
  // Opens the matching filtered list when a bar or slice is clicked; null when there is none.
  drill: z
    .object({ object: z.enum(['person', 'company', 'deal', 'activity']), filters: z.array(filterCondition) })
    .nullable(),
})

export const notConvertedOutput = z.object({ currency: z.string(), amountMinor: z.number() })

export const datasetOutput = z
  .object({
    unit: z.enum(DATASET_UNITS),
    // Money values are minor units of this currency (the workspace currency); else null.
    currency: z.string().nullable(),
    dimensions: z.array(datasetDimension),
    rows: z.array(datasetRow),
    // Money in currencies without an exchange rate, left out of `value`s.
    notConverted: z.array(notConvertedOutput),
    // More groups than were returned (the rest are left out, largest kept).
    truncated: z.boolean(),
  })
  .meta({ id: 'Dataset' })

export type Dataset = z.infer<typeof datasetOutput>
export type DatasetRow = z.infer<typeof datasetRow>
