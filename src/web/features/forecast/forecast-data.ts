import type { Dataset } from '../../../server/features/analytics/dataset.schema.ts'
import type { ForecastOutput } from '../../../server/features/analytics/forecast.schema.ts'

// The forecast as a chart reads it: per month, weighted open deals and won deals (one
// stack) beside the target. Pure, so it is tested without a DOM.

export const FORECAST_MEASURES = ['weighted', 'won', 'target'] as const
export type ForecastMeasure = (typeof FORECAST_MEASURES)[number]

export type MonthTotals = {
  month: string
  openValue: number
  weightedValue: number
  wonValue: number
  /** Sum of the owners' targets; null when no owner has one. */
  targetMinor: number | null
}

export function monthTotals(forecast: ForecastOutput): MonthTotals[] {
  return forecast.months.map((m) => {
    const targets = m.owners.map((o) => o.targetMinor).filter((v): v is number => v !== null)
    return {
      month: m.month,
      openValue: m.owners.reduce((s, o) => s + o.openValue, 0),
      weightedValue: m.owners.reduce((s, o) => s + o.weightedValue, 0),
      wonValue: m.owners.reduce((s, o) => s + o.wonValue, 0),
      targetMinor: targets.length ? targets.reduce((a, b) => a + b, 0) : null,
    }
  })
}

type Condition = NonNullable<Dataset['rows'][number]['drill']>['filters'][number]

/** The forecast's own filters as list conditions: owner (`me` or an id) and pipeline. */
function scopeFilters(scope: { ownerId?: string; pipelineId?: string }): Condition[] {
  const out: Condition[] = []
  if (scope.ownerId === 'me') out.push({ field: 'owner', op: 'me' })
  else if (scope.ownerId) out.push({ field: 'owner', op: 'eq', value: scope.ownerId })
  if (scope.pipelineId) out.push({ field: 'pipeline', op: 'eq', value: scope.pipelineId })
  return out
}

const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
}

/**
 * Which deals a bar stands for: open deals expected to close in the month (weighted), or
 * deals won in it; targets have no list.
 */
export function forecastDrill(
  month: string,
  measure: ForecastMeasure,
  scope: { ownerId?: string; pipelineId?: string },
): Dataset['rows'][number]['drill'] {
  if (measure === 'target') return null
  const days = [`${month}-01`, monthEnd(month)]
  return {
    object: 'deal',
    filters: [
      { field: 'status', op: 'eq', value: measure === 'won' ? 'won' : 'open' },
      { field: measure === 'won' ? 'closedAt' : 'expectedCloseDate', op: 'between', value: days },
      ...scopeFilters(scope),
    ],
  }
}

export function forecastDataset(
  forecast: ForecastOutput,
  names: Record<ForecastMeasure, string>,
  scope: { ownerId?: string; pipelineId?: string } = {},
): Dataset {
  const rows: Dataset['rows'] = []
  for (const m of monthTotals(forecast)) {
    const values: Record<ForecastMeasure, number | null> = {
      weighted: m.weightedValue,
      won: m.wonValue,
      target: m.targetMinor,
    }
    for (const k of FORECAST_MEASURES)
      rows.push({
        keys: [m.month, k],
        labels: [null, names[k]],
        value: values[k],
        drill: forecastDrill(m.month, k, scope),
      })
  }
  return {
    unit: 'money',
    currency: forecast.currency,
    dimensions: [
      { key: 'month', bucket: 'month' },
      { key: 'measure', bucket: null },
    ],
    rows,
    notConverted: mergeNotConverted(forecast.months.flatMap((m) => m.notConverted)),
    truncated: false,
  }
}

export function mergeNotConverted(list: { currency: string; amountMinor: number }[]) {
  const by = new Map<string, number>()
  for (const n of list) by.set(n.currency, (by.get(n.currency) ?? 0) + n.amountMinor)
  return [...by].map(([currency, amountMinor]) => ({ currency, amountMinor }))
}

/** Won as a share of target (0–1+), or null without a target. */
export const attainment = (won: number, target: number | null) => (target ? won / target : null)
