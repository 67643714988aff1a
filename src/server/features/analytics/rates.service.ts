import { and, asc, eq } from 'drizzle-orm'
import { exchangeRates } from '../../db/schema/index.ts'
import type { Ctx } from '../../http/context.ts'
import { invalid, notFound } from '../../http/errors.ts'
import { assertCan } from '../../http/permissions.ts'

// Exchange rates an admin sets: 1 unit of `currency` = `rate` units of the workspace
// currency. Every money figure of the dashboard, reports and forecast converts with them.

const KNOWN = new Set(Intl.supportedValuesOf('currency'))

const present = (r: typeof exchangeRates.$inferSelect) => ({
  currency: r.currency,
  rate: Number(r.rate),
  updatedAt: r.updatedAt.toISOString(),
})

export async function listRates(ctx: Ctx) {
  assertCan(ctx, 'read')
  const rows = await ctx.db
    .select()
    .from(exchangeRates)
    .where(eq(exchangeRates.workspaceId, ctx.workspace.id))
    .orderBy(asc(exchangeRates.currency))
  return { base: ctx.workspace.currency, data: rows.map(present) }
}

export async function setRate(ctx: Ctx, currency: string, rate: number) {
  assertCan(ctx, 'manage')
  if (!KNOWN.has(currency)) {
    throw invalid([{ field: 'currency', code: 'unknown_currency', message: 'Not an ISO 4217 currency code' }])
  }
  if (currency === ctx.workspace.currency) {
    throw invalid([
      { field: 'currency', code: 'base_currency', message: 'The workspace currency needs no rate' },
    ])
  }
  // numeric(20, 10): keep what the column can hold exactly.
  const value = rate.toFixed(10)
  if (Number(value) <= 0)
    throw invalid([{ field: 'rate', code: 'too_small', message: 'Must be greater than 0' }])
  const now = new Date()
  const [row] = await ctx.db
    .insert(exchangeRates)
    .values({ workspaceId: ctx.workspace.id, currency, rate: value, updatedAt: now })
    .onConflictDoUpdate({
      target: [exchangeRates.workspaceId, exchangeRates.currency],
      set: { rate: value, updatedAt: now },
    })
    .returning()
  return present(row!)
}

export async function deleteRate(ctx: Ctx, currency: string) {
  assertCan(ctx, 'manage')
  const rows = await ctx.db
    .delete(exchangeRates)
    .where(and(eq(exchangeRates.workspaceId, ctx.workspace.id), eq(exchangeRates.currency, currency)))
    .returning({ currency: exchangeRates.currency })
  if (!rows.length) throw notFound('Exchange rate')
}
