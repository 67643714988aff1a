import { type NotConverted, sumMoney } from './money.ts'
import type { Scope } from './scope.ts'

// Per-key money conversion for charts and the forecast (money.ts converts one total).

export type MoneyRow = { key: string | null; currency: string; amount: number }

/** Converts per-currency sums grouped by key; what has no rate goes to the dataset's notConverted. */
export function convertByKey(s: Scope, rows: MoneyRow[]) {
  const byKey = new Map<string | null, MoneyRow[]>()
  for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r])
  const values = new Map<string | null, number>()
  const missing: NotConverted[] = []
  for (const [key, list] of byKey) {
    const sum = sumMoney(
      list.map((r) => ({ currency: r.currency, amountMinor: Number(r.amount) })),
      s.rates,
      s.currency,
    )
    values.set(key, Math.round(sum.amountMinor))
    missing.push(...sum.notConverted)
  }
  return { values, notConverted: mergeNotConverted(missing) }
}

export function mergeNotConverted(list: NotConverted[]): NotConverted[] {
  const out = new Map<string, number>()
  for (const n of list) out.set(n.currency, (out.get(n.currency) ?? 0) + n.amountMinor)
  return [...out]
    .map(([currency, amountMinor]) => ({ currency, amountMinor: Math.round(amountMinor) }))
    .sort((a, b) => a.currency.localeCompare(b.currency))
}
