import type { Kpi } from './dashboard-api.ts'

// How a key figure moved against the previous period: percent, or points for a rate.
export type Change = { direction: 'up' | 'down' | 'same'; amount: number; unit: 'percent' | 'points' } | null

/** The change of a figure against the previous period; null when it cannot be said. */
export function kpiChange(kpi: Pick<Kpi, 'unit' | 'value' | 'previous'>): Change {
  const { value, previous } = kpi
  if (value === null || previous === null) return null
  if (kpi.unit === 'ratio') {
    const points = Math.round((value - previous) * 1000) / 10
    return {
      direction: points > 0 ? 'up' : points < 0 ? 'down' : 'same',
      amount: Math.abs(points),
      unit: 'points',
    }
  }
  if (previous === 0) return value === 0 ? { direction: 'same', amount: 0, unit: 'percent' } : null
  const ratio = (value - previous) / Math.abs(previous)
  const amount = Math.round(Math.abs(ratio) * 1000) / 10
  return { direction: amount === 0 ? 'same' : ratio > 0 ? 'up' : 'down', amount, unit: 'percent' }
}
