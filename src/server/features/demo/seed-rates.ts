import type { DbOrTx } from '../../db/client.ts'
import { exchangeRates } from '../../db/schema/index.ts'

// Demo deals come in the three East African currencies and US dollars; without rates the
// dashboard could not add them up (it never sums currencies raw). Rough late-2026 values,
// as units per US dollar, turned into "1 unit = x units of the workspace currency".
const PER_USD: Record<string, number> = { USD: 1, ETB: 155, KES: 129, TZS: 2500 }

export async function seedExchangeRates(tx: DbOrTx, workspaceId: string, base: string) {
  const basePerUsd = PER_USD[base]
  if (!basePerUsd) return
  const rows = Object.entries(PER_USD)
    .filter(([currency]) => currency !== base)
    .map(([currency, perUsd]) => ({ workspaceId, currency, rate: (basePerUsd / perUsd).toFixed(6) }))
  await tx.insert(exchangeRates).values(rows).onConflictDoNothing()
}
