import * as z from 'zod'
import { notConvertedOutput } from './dataset.schema.ts'

// Forecast, sales targets and exchange rates.

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
export const monthKey = z.string().regex(MONTH, 'Use a month as YYYY-MM')

export const forecastQuery = z
  .object({
    pipelineId: z.uuid().optional(),
    ownerId: z.string().min(1).max(64).optional().describe('A member’s user id, or `me`'),
    months: z.coerce.number().int().min(1).max(24).default(6).describe('From the current month on'),
  })
  .strict()
export type ForecastQuery = z.infer<typeof forecastQuery>

export const forecastOwner = z.object({
  ownerId: z.string().nullable().describe('null: deals without an owner'),
  ownerName: z.string().nullable(),
  openValue: z.number().describe('Open deals expected to close this month (minor units, workspace currency)'),
  weightedValue: z.number().describe('Σ open amount × stage probability / 100'),
  wonValue: z.number().describe('Deals won (closed) this month'),
  targetMinor: z.number().nullable(),
})

export const forecastOutput = z
  .object({
    currency: z.string(),
    months: z.array(
      z.object({
        month: z.string(),
        owners: z.array(forecastOwner),
        notConverted: z.array(notConvertedOutput),
      }),
    ),
  })
  .meta({ id: 'Forecast' })
export type ForecastOutput = z.infer<typeof forecastOutput>

export const targetsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict()

export const targetOutput = z
  .object({ userId: z.string(), month: z.string(), amountMinor: z.number().int() })
  .meta({ id: 'SalesTarget' })
export const targetsOutput = z.object({ data: z.array(targetOutput) })

export const targetInput = z
  .object({
    userId: z.string().min(1).max(64),
    month: monthKey,
    amountMinor: z
      .number()
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .describe('Minor units of the workspace currency; 0 removes the target'),
  })
  .strict()
  .meta({ id: 'SalesTargetSet' })
export type TargetInput = z.infer<typeof targetInput>

export const rateParams = z.object({
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'A three-letter ISO 4217 code')
    .transform((c) => c.toUpperCase()),
})
export const rateInput = z
  .object({
    rate: z
      .number()
      .positive()
      .max(1e9)
      .describe('Units of the workspace currency for 1 unit of this currency'),
  })
  .strict()

export const rateOutput = z
  .object({ currency: z.string(), rate: z.number(), updatedAt: z.iso.datetime() })
  .meta({ id: 'ExchangeRate' })
export const ratesOutput = z.object({ base: z.string(), data: z.array(rateOutput) })
