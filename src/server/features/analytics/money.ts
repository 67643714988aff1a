import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client.ts'
import { exchangeRates } from '../../db/schema/index.ts'
import { currencyDigits } from '../export/export.service.ts'

// Money is never added across currencies as is. Queries sum per currency (SQL `group by
// currency`); these helpers convert each sum to the workspace currency with the rates an
// admin set, and report what could not be converted (no rate) beside the total.

/** currency → units of the workspace currency per 1 unit of it. The base itself is 1. */
export type Rates = Map<string, number>

export async function loadRates(db: DbOrTx, workspaceId: string, base: string): Promise<Rates> {
  const rows = await db
    .select({ currency: exchangeRates.currency, rate: exchangeRates.rate })
    .from(exchangeRates)
    .where(eq(exchangeRates.workspaceId, workspaceId))
  const rates: Rates = new Map(rows.map((r) => [r.currency, Number(r.rate)]))
  rates.set(base, 1)
  return rates
}

/** Minor units of `currency` → minor units of `base`, or null without a rate. */
export function toBase(amountMinor: number, currency: string, rates: Rates, base: string): number | null {
  if (currency === base) return amountMinor
  const rate = rates.get(currency)
  if (rate === undefined) return null
  const major = amountMinor / 10 ** currencyDigits(currency)
  return Math.round(major * rate * 10 ** currencyDigits(base))
}

/** Whether money in `currency` can be converted to `base`. */
export const hasRate = (currency: string, rates: Rates, base: string) =>
  currency === base || rates.has(currency)

export type NotConverted = { currency: string; amountMinor: number }

/** Adds per-currency sums: the converted total plus, per currency, what had no rate. */
export function sumMoney(
  parts: { currency: string; amountMinor: number }[],
  rates: Rates,
  base: string,
): { amountMinor: number; notConverted: NotConverted[] } {
  let amountMinor = 0
  const missing = new Map<string, number>()
  for (const p of parts) {
    const converted = toBase(p.amountMinor, p.currency, rates, base)
    if (converted === null) missing.set(p.currency, (missing.get(p.currency) ?? 0) + p.amountMinor)
    else amountMinor += converted
  }
  const notConverted = [...missing].map(([currency, amount]) => ({ currency, amountMinor: amount }))
  return { amountMinor, notConverted }
}
